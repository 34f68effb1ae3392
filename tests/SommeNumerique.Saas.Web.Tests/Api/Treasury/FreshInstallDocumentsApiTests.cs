using SommeNumerique.Saas.Domain.Accounting;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Api.Treasury.EInvoicing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Treasury;

/// <summary>
/// A fresh install (no <c>Seller:*</c> setting at all) on the documents it hands out. Issue 12, item 7: its
/// invoices carry the syndicate's identity from the seeds (SIREN 258 004 365, 43 avenue d'Italie 80090 Amiens,
/// VAT number FR55258004365). Item 8: every download that fails answers its status with problem details,
/// whatever the client's Accept header.
/// </summary>
public sealed class FreshInstallDocumentsApiTests(FreshInstallDocumentsApiTests.Scenario scenario) : IClassFixture<FreshInstallDocumentsApiTests.Scenario>
{
    [Fact]
    public async Task The_invoice_pdf_of_a_fresh_install_carries_the_syndicate_s_siren_seat_and_vat_number()
    {
        var s = await scenario.ResultsAsync();
        var response = await s.Staff.GetAsync($"/api/v1/invoices/{s.AbbevilleInvoice}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var text = PdfText.Extract(await response.Content.ReadAsByteArrayAsync());

        Assert.Contains("SIREN : 258004365", text);
        Assert.Contains("N° TVA intracommunautaire : FR55258004365", text);
        Assert.Contains("43 avenue d'Italie", text);
        Assert.Contains("80090 Amiens", text);
    }

    [Fact]
    public async Task The_e_invoice_of_a_fresh_install_carries_the_syndicate_s_siren_seat_and_vat_number()
    {
        var s = await scenario.ResultsAsync();
        var response = await s.Staff.GetAsync($"/api/v1/invoices/{s.AbbevilleInvoice}/ubl");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);

        var seller = XDocument.Parse(body).Descendants(Ubl.Cac + "AccountingSupplierParty").Single();

        Assert.Equal("258004365", seller.Descendants(Ubl.Cac + "PartyLegalEntity").Single().Element(Ubl.Cbc + "CompanyID")!.Value);
        Assert.Equal("FR55258004365", seller.Descendants(Ubl.Cac + "PartyTaxScheme").Single().Element(Ubl.Cbc + "CompanyID")!.Value);
        var address = seller.Descendants(Ubl.Cac + "PostalAddress").Single();
        Assert.Equal("43 avenue d'Italie", address.Element(Ubl.Cbc + "StreetName")!.Value);
        Assert.Equal("80090", address.Element(Ubl.Cbc + "PostalZone")!.Value);
        Assert.Equal("Amiens", address.Element(Ubl.Cbc + "CityName")!.Value);

        // And the document is a valid EN 16931 e-invoice as it leaves a fresh install (XSD and Schematron).
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        Assert.Empty(EInvoiceValidation.XsdErrors(bytes));
        var folder = Path.Combine(Path.GetTempPath(), $"sn-fresh-ubl-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "fresh.xml"), bytes);
            var failed = (await EInvoiceValidation.SchematronAsync(folder))["fresh.xml"];
            Assert.True(failed.Count == 0, string.Join("\n", failed));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<string, string, string, int> FailedDownloads()
    {
        var data = new TheoryData<string, string, string, int>();
        var cases = new (string Who, string Url, int Status)[]
        {
            ("tenant", "/api/v1/invoices/{other}/pdf", 404),         // another tenant's invoice
            ("tenant", "/api/v1/invoices/{other}/ubl", 404),
            ("tenant", "/api/v1/invoices/{other}/reminder", 403),    // reminders are the syndicate's
            ("staff", "/api/v1/invoices/{draft}/pdf", 404),          // a draft is no document yet
            ("staff", "/api/v1/invoices/{draft}/ubl", 409),
            ("staff", "/api/v1/invoices/{mine}/reminder", 409),      // not overdue
            ("staff", "/api/v1/invoices/{unknown}/pdf", 404),
            ("staff", "/api/v1/billing-runs/{run}/exports/pes", 409), // not numbered
            ("tenant", "/api/v1/billing-runs/{run}/exports/pes", 403),
            ("staff", "/api/v1/billing-runs/{unknown}/exports/pes", 404),
            ("staff", "/api/v1/billing-runs/{unknown}/exports/csv", 404),
            ("tenant", "/api/v1/billing-runs/{run}/exports/csv", 403),
            ("tenant", "/api/v1/invoices/exports/csv", 403),
            ("tenant", "/api/v1/invoices/overdue/csv", 403),
            ("staff", "/api/v1/invoices/overdue/csv?asOf=not-a-date", 400),
            ("anonymous", "/api/v1/invoices/{mine}/pdf", 401),
        };
        foreach (var (who, url, status) in cases)
            foreach (var accept in new[] { "application/pdf", "application/xml", "text/csv", "application/pdf, application/xml;q=0.9" })
                data.Add(who, url, accept, status);
        return data;
    }

    [Theory]
    [MemberData(nameof(FailedDownloads))]
    public async Task A_failed_download_answers_its_status_with_problem_details_whatever_the_Accept_header(string who, string url, string accept, int status)
    {
        var s = await scenario.ResultsAsync();
        var client = who switch
        {
            "staff" => s.Staff,
            "tenant" => s.Tenant,
            _ => scenario.Factory.CreateClient(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, url
            .Replace("{other}", s.OtherTenantInvoice).Replace("{mine}", s.AbbevilleInvoice).Replace("{draft}", s.DraftInvoice)
            .Replace("{run}", s.Run).Replace("{unknown}", "0c0c0c0c-0000-4000-8000-000000000000"));
        request.Headers.Accept.ParseAdd(accept);
        if (who == "tenant") request.Headers.Add("X-Tenant-Id", s.Abbeville);

        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{url} ({accept}): expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body); // no stack trace
    }

    public sealed record Results(HttpClient Staff, HttpClient Tenant, string Abbeville, string AbbevilleInvoice, string OtherTenantInvoice, string DraftInvoice, string Run);

    /// <summary>One fresh application (no seller settings) and one issued run of 2025, made once for the class.</summary>
    public sealed class Scenario : IAsyncLifetime
    {
        private readonly Lazy<Task<Results>> _results;

        public Scenario() => _results = new Lazy<Task<Results>>(RunAsync);

        public SaasAppFactory Factory { get; } = SaasAppFactory.Sqlite();

        internal Task<Results> ResultsAsync() => _results.Value;

        public Task InitializeAsync()
        {
            _ = Factory.Server;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();

        private async Task<Results> RunAsync()
        {
            var staff = await Factory.StaffAsync();
            var abbeville = await Factory.TenantIdByCodeAsync("80001");
            var ercourt = await Factory.TenantIdByCodeAsync("80280");
            var profile = await staff.PutAsJsonAsync($"/api/v1/tenants/{abbeville}/profile", new
            {
                declaredWorkstations = 10, addressLine1 = "Place de l'Hôtel de Ville", postalCode = "80100", city = "Abbeville",
                contactName = "Service financier", contactEmail = "finances@abbeville.test",
            });
            Assert.True(profile.IsSuccessStatusCode, await profile.Content.ReadAsStringAsync());
            var january = new DateOnly(2025, 1, 1);
            await staff.SubscribeAsync(Request("PACK-CYBER", 8, january, abbeville)); // 20 % VAT: the seller's VAT number is written
            await staff.SubscribeAsync(Request("PACK-CYBER", 2, january, ercourt));
            var run = (await staff.StartRunAsync("2025")).Str("id")!;
            await staff.IssueAsync(run);
            var mine = (await staff.InvoicesAsync(abbeville, "2025")).Single().Str("id")!;
            var other = (await staff.InvoicesAsync(ercourt, "2025")).Single().Str("id")!;

            // A draft, as a run's issue leaves it for an instant (there is no other way to see one).
            string draft;
            using (var scope = Factory.Services.CreateScope())
            {
                scope.ServiceProvider.GetRequiredService<SommeNumerique.Saas.Infrastructure.TenantIsolation.TenantContext>().UseHost();
                var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
                var issued = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == Guid.Parse(mine));
                var line = new InvoiceLine
                {
                    Position = 1, Kind = ChargeLineKind.Service, Label = "Brouillon", ItemCode = "X", OfferCode = "X",
                    NatureAccount = "706", VatCategory = VatCategory.Standard, VatRate = VatCategory.Standard.Rate(), AmountHt = 10m,
                };
                var copy = Invoice.Draft(issued.TenantId, Budget.Annexe, issued.Buyer, new DateOnly(2031, 1, 1), new DateOnly(2031, 12, 31), [line], null, DateTimeOffset.UtcNow);
                db.Invoices.Add(copy);
                await db.SaveChangesAsync();
                draft = copy.Id.ToString();
            }
            return new Results(staff, await Factory.AbbevilleAdminAsync(), abbeville, mine, other, draft, run);
        }
    }
}
