using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>Issue 12, item 6, on the subscription page: staff give an effective date and a reason; a tenant cannot go back in time.</summary>
public sealed partial class DatedSubscriptionPortalTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Staff_record_a_past_dated_change_with_its_reason_and_a_tenant_is_refused_a_past_date_at_the_field()
    {
        var staff = await app.Factory.StaffAsync();
        var abbeville = await app.Factory.TenantIdByCodeAsync("80001");
        var id = (await staff.SubscribeAsync(Request("PACK-CYBER", 1, new DateOnly(2025, 1, 1), abbeville))).Str("id")!;
        var details = $"/Subscriptions/Details?id={id}";

        var agent = await SignedInBrowserAsync(DemoAccounts.StaffEmail);
        var form = await agent.GetStringAsync(details);
        Assert.Contains("name=\"EffectiveDate\"", form);
        Assert.Contains("Motif (obligatoire pour une date d'effet passée", WebUtility.HtmlDecode(form));

        var noReason = await PostFormAsync(agent, $"{details}&handler=Quantity", details,
            new() { ["NewQuantity"] = "4", ["EffectiveDate"] = "2025-09-01", ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Indiquez le motif d'une modification à date d'effet passée", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()));

        var done = await PostFormAsync(agent, $"{details}&handler=Quantity", details,
            new() { ["NewQuantity"] = "4", ["EffectiveDate"] = "2025-09-01", ["Reason"] = "bon de commande signé en septembre" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var history = WebUtility.HtmlDecode(await agent.GetStringAsync(details));
        Assert.Contains("Quantité portée de 1 à 4 à compter du 01/09/2025", history);
        Assert.Contains("bon de commande signé en septembre", history);

        var admin = await SignedInBrowserAsync(DemoAccounts.AbbevilleAdminEmail);
        var tenantForm = await admin.GetStringAsync(details);
        Assert.Contains($"min=\"{Iso(Today)}\"", tenantForm);
        var refused = await PostFormAsync(admin, $"{details}&handler=Quantity", details,
            new() { ["NewQuantity"] = "5", ["EffectiveDate"] = Iso(Today.AddDays(-1)) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("La date d'effet ne peut pas être passée", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(4, (await staff.SubscriptionAsync(id)).Int("quantity"));
    }

    private async Task<HttpClient> SignedInBrowserAsync(string email)
    {
        var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await browser.CompleteTwoFactorAsync(await PostFormAsync(browser, "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = email, ["Input.Password"] = SaasAppFactory.DemoPassword }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string pageWithForm, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(pageWithForm);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value;
        if (VersionField().Match(page) is { Success: true } version) fields.TryAdd("Version", version.Groups[1].Value);
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();
}
