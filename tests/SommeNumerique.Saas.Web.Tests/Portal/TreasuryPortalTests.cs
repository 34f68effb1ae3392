using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>The treasury's pages as a browser uses them: exports, a mandat payment, the overdue list and a reminder.</summary>
public sealed partial class TreasuryPortalTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private SaasAppFactory Factory => app.Factory;

    private async Task<HttpClient> SignedInBrowserAsync(string email)
    {
        var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await browser.CompleteTwoFactorAsync(await PostFormAsync(browser, "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = email, ["Input.Password"] = SaasAppFactory.DemoPassword }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string pageWithForm, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(pageWithForm);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value;
        // The form's hidden version, as a browser sends it.
        if (VersionField().Match(page) is { Success: true } version) fields.TryAdd("Version", version.Groups[1].Value);
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_treasury_exports_a_run_records_a_mandat_and_sends_a_reminder_from_the_pages()
    {
        var staff = await Factory.StaffAsync();
        var tenant = await Factory.TenantIdByCodeAsync("80040"); // Aumâtre
        await staff.SubscribeAsync(Request("PACK-CYBER", 8, new DateOnly(2025, 1, 1), tenant));
        await staff.IssueAsync((await staff.StartRunAsync("2025")).Str("id")!);
        var invoice = (await staff.InvoicesAsync(tenant, "2025")).Single();
        var details = $"/Staff/Invoices/Details?id={invoice.Str("id")}";

        var treasury = await SignedInBrowserAsync(DemoAccounts.TreasuryEmail);
        var exports = await treasury.GetStringAsync("/Staff/Treasury");
        var csvLink = CsvLink().Match(exports);
        Assert.True(csvLink.Success, "the issued run has a CSV link");
        var csv = await treasury.GetAsync(WebUtility.HtmlDecode(csvLink.Groups[1].Value));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains(invoice.Str("number")!, await csv.Content.ReadAsStringAsync());

        // A refused payment says why, in French, at its field, and records nothing.
        var refused = await PostFormAsync(treasury, $"{details}&handler=Payment", details,
            new() { ["Payment.Amount"] = "", ["Payment.PaidOn"] = Iso(invoice.Date("issueDate")), ["Payment.Reference"] = "Mandat 12" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Indiquez le montant payé.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(invoice.Dec("totalTtc"), (await staff.GetJsonAsync($"/api/v1/invoices/{invoice.Str("id")}")).GetProperty("invoice").Dec("amountDue"));

        var paid = await PostFormAsync(treasury, $"{details}&handler=Payment", details,
            new() { ["Payment.Amount"] = "100,00", ["Payment.PaidOn"] = Iso(invoice.Date("issueDate")), ["Payment.Reference"] = "Mandat 12" });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var after = WebUtility.HtmlDecode(await treasury.GetStringAsync(paid.Headers.Location!.OriginalString));
        Assert.Contains("Paiement de 100,00 € enregistré", after);
        Assert.Contains("Partiellement payée", after);
        Assert.Contains("Mandat 12", after);

        // The same mandat entered again: refused at its field, nothing recorded twice.
        var twice = await PostFormAsync(treasury, $"{details}&handler=Payment", details,
            new() { ["Payment.Amount"] = "10,00", ["Payment.PaidOn"] = Iso(invoice.Date("issueDate")), ["Payment.Reference"] = "Mandat 12" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("est déjà enregistré sur la facture", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));
        Assert.Equal(invoice.Dec("totalTtc") - 100m, (await staff.GetJsonAsync($"/api/v1/invoices/{invoice.Str("id")}")).GetProperty("invoice").Dec("amountDue"));

        // Ten days after the due date the invoice is on the overdue list, with its reminder letter.
        Factory.Clock.Advance(TimeSpan.FromDays(invoice.Date("dueDate").DayNumber - Factory.Clock.Today.DayNumber + 10));
        treasury = await SignedInBrowserAsync(DemoAccounts.TreasuryEmail);
        var overdue = WebUtility.HtmlDecode(await treasury.GetStringAsync("/Staff/Treasury/Overdue"));
        Assert.Contains(invoice.Str("number")!, overdue);
        Assert.Contains("10 jour(s)", overdue);
        var reminder = await treasury.GetAsync(ReminderLink().Match(overdue).Groups[1].Value);
        Assert.Equal("application/pdf", reminder.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await reminder.Content.ReadAsByteArrayAsync())[..4]));
    }

    /// <summary>Issue 11, item 10: the PES link offers the numbering first (a confirmed POST), then the download.</summary>
    [Fact]
    public async Task The_treasury_numbers_the_PES_titres_with_a_confirmation_then_downloads_the_flow()
    {
        var staff = await Factory.StaffAsync();
        var tenant = await Factory.TenantIdByCodeAsync("80280"); // Ercourt
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, new DateOnly(2024, 1, 1), tenant));
        var run = (await staff.StartRunAsync("2024")).Str("id")!;
        await staff.IssueAsync(run);
        var treasury = await SignedInBrowserAsync(DemoAccounts.TreasuryEmail);
        var export = $"/Staff/Treasury/Export?run={run}&format=pes";

        var offer = WebUtility.HtmlDecode(await treasury.GetStringAsync(export));
        Assert.Contains("Numéroter les titres", offer);
        Assert.Contains("1 pièce(s) de cette facturation n'ont pas encore de numéro de titre PES", offer);

        // Without the confirmation nothing is numbered.
        var unconfirmed = await PostFormAsync(treasury, $"/Staff/Treasury/Export?run={run}&handler=Number", export, []);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Cochez la case pour confirmer", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()));
        Assert.Equal(1, (await staff.GetJsonAsync($"/api/v1/billing-runs/{run}/exports/pes/numbering")).Int("unnumbered"));

        var numbered = await PostFormAsync(treasury, $"/Staff/Treasury/Export?run={run}&handler=Number", export, new() { ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.OK, numbered.StatusCode);
        var summary = WebUtility.HtmlDecode(await numbered.Content.ReadAsStringAsync());
        Assert.Contains("Titres numérotés", summary);
        Assert.Contains("Télécharger le flux PES V2", summary);
        Assert.Equal(0, (await staff.GetJsonAsync($"/api/v1/billing-runs/{run}/exports/pes/numbering")).Int("unnumbered"));

        var download = await treasury.GetAsync(export);
        Assert.Equal("application/xml", download.Content.Headers.ContentType?.MediaType);
        Assert.Empty(Treasury.PesSchema.Errors(await download.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Treasury_pages_are_not_for_the_communes()
    {
        var secretary = await SignedInBrowserAsync(DemoAccounts.SecretaryEmail);
        foreach (var page in new[] { "/Staff/Treasury", "/Staff/Treasury/Overdue", "/Staff/Treasury/Export?format=overdue" })
        {
            var response = await secretary.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("href=\"(/Staff/Treasury/Export\\?run=[^\"]+format=csv)\"")]
    private static partial Regex CsvLink();

    [GeneratedRegex("href=\"(/Staff/Treasury/Overdue\\?handler=Reminder[^\"]+)\"")]
    private static partial Regex ReminderLink();
}
