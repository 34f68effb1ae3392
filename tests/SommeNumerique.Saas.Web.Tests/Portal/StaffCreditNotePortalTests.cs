using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Pages;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>
/// The staff's credit note form as a browser uses it: nothing ticked is an error (never the whole invoice), the
/// whole invoice is an explicit choice, and the avoir is issued only after a confirmation that states its amount.
/// </summary>
public sealed partial class StaffCreditNotePortalTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private SaasAppFactory Factory => app.Factory;

    [Fact]
    public async Task The_whole_invoice_is_cancelled_only_when_chosen_and_confirmed_with_the_amount_of_the_avoir()
    {
        // 12 vaults from June 2027: the 2028 invoice is 420,00 HT − 175,00 of gratuity = 245,00 HT, 294,00 TTC.
        var staff = await Factory.StaffAsync();
        var tenant = await Factory.TenantIdByCodeAsync("80024");
        await staff.SubscribeAsync(Request("COFFRE-FORT", 12, new DateOnly(2027, 6, 1), tenant));
        await staff.IssueAsync((await staff.StartRunAsync("2028")).Str("id")!);
        var invoice = (await staff.InvoicesAsync(tenant, "2028")).Single();
        var api = $"/api/v1/invoices/{invoice.Str("id")}";
        var details = $"/Staff/Invoices/Details?id={invoice.Str("id")}";
        var credit = $"{details}&handler=Credit";
        var browser = await SignedInBrowserAsync(DemoAccounts.StaffEmail);
        var before = (await staff.GetJsonAsync(api)).GetRawText();

        // Nothing ticked: an error, in French, and no avoir.
        var nothing = await PostFormAsync(browser, credit, details, new() { ["Reason"] = "Souscription en double" });
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Contains("Cochez les lignes à annuler, ou « Annuler toute la facture »", WebUtility.HtmlDecode(await nothing.Content.ReadAsStringAsync()));
        Assert.Equal(before, (await staff.GetJsonAsync(api)).GetRawText());

        // The gratuity alone (not offered, but posted by hand): refused with the reason.
        var gratuity = invoice.Line("FirstYearGratuity", "COFFRE-FORT").Int("position");
        var alone = await PostFormAsync(browser, credit, details, new() { ["Reason"] = "Gratuité", ["Lines"] = $"{gratuity}" });
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        Assert.Contains("ne s'annule pas seule", WebUtility.HtmlDecode(await alone.Content.ReadAsStringAsync()));
        Assert.Equal(before, (await staff.GetJsonAsync(api)).GetRawText());

        // The whole invoice, chosen: a confirmation step stating the amount, still no avoir.
        var whole = new Dictionary<string, string> { ["Reason"] = "Souscription en double", ["WholeInvoice"] = "true" };
        var asked = await PostFormAsync(browser, credit, details, new(whole));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirmation = await asked.Content.ReadAsStringAsync();
        Assert.Contains($"Confirmer l'avoir de {Fr.Euros(294m)} TTC", WebUtility.HtmlDecode(confirmation));
        Assert.Equal(before, (await staff.GetJsonAsync(api)).GetRawText());

        // Confirmed, from the confirmation form (its hidden fields and token): the avoir of 294,00 € is issued.
        var confirmed = await PostFormAsync(browser, credit, confirmation, HiddenFields(confirmation), pageIsHtml: true);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains($"({Fr.Euros(294m)} TTC)", WebUtility.UrlDecode(confirmed.Headers.Location!.OriginalString));
        var after = (await staff.GetJsonAsync(api)).GetProperty("invoice");
        Assert.Equal(("Cancelled", 0m), (after.Str("status"), after.Dec("amountDue")));
    }

    private async Task<HttpClient> SignedInBrowserAsync(string email)
    {
        var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await browser.CompleteTwoFactorAsync(await PostFormAsync(browser, "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = email, ["Input.Password"] = SaasAppFactory.DemoPassword }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>Posts a form with the antiforgery token and the version of the page that holds it, as a browser does.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string page, Dictionary<string, string> fields,
        bool pageIsHtml = false)
    {
        var html = pageIsHtml ? page : await browser.GetStringAsync(page);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(html).Groups[1].Value;
        if (VersionField().Match(html) is { Success: true } version) fields.TryAdd("Version", version.Groups[1].Value);
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>The hidden fields of the confirmation form.</summary>
    private static Dictionary<string, string> HiddenFields(string html)
    {
        var form = ConfirmationForm().Match(html);
        Assert.True(form.Success, "the page holds a confirmation form");
        return HiddenField().Matches(form.Value).Where(m => m.Groups[1].Value != "__RequestVerificationToken")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<form[^>]*id=\"credit-confirm\"[\\s\\S]*?</form>")]
    private static partial Regex ConfirmationForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
