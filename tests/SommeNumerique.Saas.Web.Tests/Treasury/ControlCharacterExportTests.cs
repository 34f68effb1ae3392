using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Treasury;

/// <summary>
/// Issue 11, item 3: control characters stored before the forms refused them (written here straight into the
/// database, as old data would be) on a tenant's profile, so frozen on its invoice, and on a credit note's reason:
/// the PES and UBL exports still answer 200 with valid XML, the characters replaced by spaces.
/// </summary>
public abstract class ControlCharacterExportTests(SaasAppFactory factory)
{
    private const string Ercourt = "80280";

    [Fact]
    public async Task Control_characters_already_stored_do_not_break_the_PES_nor_the_UBL_export()
    {
        var staff = await factory.StaffAsync();
        var treasury = await factory.TreasuryAsync();
        var ercourt = await factory.TenantIdByCodeAsync(Ercourt);
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, new DateOnly(2025, 1, 1), ercourt));
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            var tenant = await db.Tenants.SingleAsync(t => t.Id == Guid.Parse(ercourt));
            tenant.Rename("Ercourt\u0001");
            tenant.SetBillingDetails(new PostalAddress("1 rue\u0002 de l'Église", "Bâtiment\u000B B", "80210", "Ercourt\u0003"),
                new BillingContact("Secrétariat\u0004", "mairie@ercourt.test", null));
            tenant.SetPublicBuyerReferences(null, "SERVICE\u0005", "EJ\u0006");
            await db.SaveChangesAsync();
        }
        var run = (await staff.StartRunAsync("2025")).Str("id")!;
        await staff.IssueAsync(run);
        var invoice = (await staff.InvoicesAsync(ercourt, "2025")).Single();
        var note = await (await staff.PostJsonAsync($"/api/v1/invoices/{invoice.Str("id")}/credit-notes", new { reason = "Erreur de saisie" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            var noteId = Guid.Parse(note.Str("id")!);
            Assert.Equal(1, await db.Invoices.IgnoreQueryFilters().Where(i => i.Id == noteId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Reason, "Erreur\u0007 de saisie\uFFFF")));
            var frozen = await db.Invoices.IgnoreQueryFilters().AsNoTracking().SingleAsync(i => i.Id == Guid.Parse(invoice.Str("id")!));
            Assert.Equal("Ercourt\u0001", frozen.Buyer.Name); // the invoice did freeze the bad profile
        }

        await (await treasury.PostJsonAsync($"/api/v1/billing-runs/{run}/exports/pes/numbering", new { })).ReadJsonAsync(HttpStatusCode.OK);
        var pes = await treasury.GetAsync($"/api/v1/billing-runs/{run}/exports/pes");
        Assert.Equal(HttpStatusCode.OK, pes.StatusCode);
        var flow = await pes.Content.ReadAsByteArrayAsync();
        Assert.Empty(PesSchema.Errors(flow));
        var names = XDocument.Load(new MemoryStream(flow)).Descendants("Nom").Select(n => n.Attribute("V")!.Value).Distinct().ToList();
        Assert.Equal(["Ercourt "], names);
        Assert.Contains(XDocument.Load(new MemoryStream(flow)).Descendants("ObjPce"), o => o.Attribute("V")!.Value.EndsWith("Erreur  de saisie "));

        foreach (var document in new[] { invoice.Str("id"), note.Str("id") })
        {
            var ubl = await treasury.GetAsync($"/api/v1/invoices/{document}/ubl");
            Assert.Equal(HttpStatusCode.OK, ubl.StatusCode);
            var xml = XDocument.Load(new MemoryStream(await ubl.Content.ReadAsByteArrayAsync()));
            Assert.Contains(xml.Descendants(), e => e.Name.LocalName == "RegistrationName" && e.Value == "Ercourt ");
            Assert.Contains(xml.Descendants(), e => e.Name.LocalName == "CityName" && e.Value == "Ercourt ");
        }

        var pdf = await treasury.GetAsync($"/api/v1/invoices/{invoice.Str("id")}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var csv = await treasury.GetAsync($"/api/v1/billing-runs/{run}/exports/csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("Ercourt", await csv.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteControlCharacterExportTests(SellerConfiguredApp.Sqlite app)
    : ControlCharacterExportTests(app.Factory), IClassFixture<SellerConfiguredApp.Sqlite>;

public sealed class PostgreSqlControlCharacterExportTests(SellerConfiguredApp.PostgreSql app)
    : ControlCharacterExportTests(app.Factory), IClassFixture<SellerConfiguredApp.PostgreSql>;

/// <summary>An application whose seller identity is configured, as e-invoices (UBL) require.</summary>
public abstract class SellerConfiguredApp : IAsyncLifetime
{
    public SaasAppFactory Factory { get; private set; } = null!;

    protected abstract Task<SaasAppFactory> CreateAsync();

    public async Task InitializeAsync()
    {
        Factory = await CreateAsync();
        Factory.Settings["Seller:Siren"] = "200000000";
        Factory.Settings["Seller:Siret"] = "20000000000011";
        Factory.Settings["Seller:VatNumber"] = "FR40200000000";
        Factory.Settings["EInvoicing:SellerIban"] = "FR7630001007941234567890185";
        _ = Factory.Server;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public sealed class Sqlite : SellerConfiguredApp
    {
        protected override Task<SaasAppFactory> CreateAsync() => Task.FromResult(SaasAppFactory.Sqlite());
    }

    public sealed class PostgreSql : SellerConfiguredApp
    {
        protected override Task<SaasAppFactory> CreateAsync() => SaasAppFactory.PostgreSqlAsync();
    }
}
