using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>The French portal through its HTML forms, with cookies and antiforgery tokens, as a browser would.</summary>
public sealed partial class PortalTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private HttpClient Browser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static string Token(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    private static async Task<HttpResponseMessage> PostForm(HttpClient browser, string url, string pageWithForm, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(pageWithForm);
        fields["__RequestVerificationToken"] = Token(page);
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpClient> SignIn(HttpClient browser, string email, string password = SaasAppFactory.DemoPassword)
    {
        var response = await browser.CompleteTwoFactorAsync(await PostForm(browser, "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = email, ["Input.Password"] = password }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    [Fact]
    public async Task The_sign_in_page_is_French_and_anonymous_visitors_are_sent_to_it()
    {
        var browser = Browser();
        var home = await browser.GetAsync("/");
        var login = await browser.GetStringAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.PathAndQuery);
        Assert.Contains("<html lang=\"fr\">", login);
        Assert.Contains("Adresse e-mail", login);
        Assert.Contains("Se connecter", login);
    }

    [Fact]
    public async Task A_wrong_password_is_explained_in_French_next_to_the_form()
    {
        var response = await PostForm(Browser(), "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = DemoAccounts.AbbevilleAdminEmail, ["Input.Password"] = "mauvais-mot-de-passe" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task An_empty_form_gets_an_error_per_field()
    {
        var response = await PostForm(Browser(), "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = "", ["Input.Password"] = "" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Saisissez votre adresse e-mail.", html);
        Assert.Contains("Saisissez votre mot de passe.", html);
    }

    [Fact]
    public async Task The_secretary_switches_between_her_three_communes()
    {
        var browser = await SignIn(Browser(), DemoAccounts.SecretaryEmail);
        var home = WebUtility.HtmlDecode(await browser.GetStringAsync("/"));
        var options = SwitcherOption().Matches(home).Select(m => (Id: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();
        Assert.Equal(["Aumâtre", "Ercourt", "Vitz-sur-Authie"], options.Select(o => o.Name).Order().ToArray());

        var vitz = options.Single(o => o.Name == "Vitz-sur-Authie");
        var switched = await PostForm(browser, "/Tenant/Switch", "/", new() { ["tenantId"] = vitz.Id, ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var after = WebUtility.HtmlDecode(await browser.GetStringAsync("/"));
        Assert.Contains("<h2>Vitz-sur-Authie</h2>", after);
        Assert.Contains("Tarif non-membre", after);
        Assert.Contains("CC du Ternois", after);

        var ercourt = options.Single(o => o.Name == "Ercourt");
        await PostForm(browser, "/Tenant/Switch", "/", new() { ["tenantId"] = ercourt.Id, ["returnUrl"] = "/" });
        var member = WebUtility.HtmlDecode(await browser.GetStringAsync("/"));
        Assert.Contains("<h2>Ercourt</h2>", member);
        Assert.Contains("Tarif membre", member);
    }

    [Fact]
    public async Task Switching_to_a_commune_that_is_not_hers_is_refused_and_changes_nothing()
    {
        var amiens = await app.Factory.TenantIdAsync("80021");
        var browser = await SignIn(Browser(), DemoAccounts.SecretaryEmail);
        var before = WebUtility.HtmlDecode(await browser.GetStringAsync("/"));

        var refused = await PostForm(browser, "/Tenant/Switch", "/", new() { ["tenantId"] = amiens, ["returnUrl"] = "/" });
        var after = WebUtility.HtmlDecode(await browser.GetStringAsync("/"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Vous n'avez pas accès à cette collectivité", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(ActiveHeading().Match(before).Value, ActiveHeading().Match(after).Value);
        Assert.DoesNotContain("Amiens", after);
    }

    [Fact]
    public async Task A_forged_tenant_cookie_is_ignored()
    {
        var amiens = await app.Factory.TenantIdAsync("80021");
        var browser = await SignIn(Browser(), DemoAccounts.AbbevilleAdminEmail);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"sn.tenant={amiens}");
        var html = WebUtility.HtmlDecode(await (await browser.SendAsync(request)).Content.ReadAsStringAsync());

        Assert.Contains("<h2>Abbeville</h2>", html);
        Assert.DoesNotContain("Amiens", html);
    }

    [Fact]
    public async Task Staff_pages_are_for_staff_only()
    {
        var staff = await SignIn(Browser(), DemoAccounts.StaffEmail);
        var list = WebUtility.HtmlDecode(await staff.GetStringAsync("/Staff/Tenants?search=Abbeville"));
        Assert.Contains("Abbeville", list);
        Assert.Contains("CA de la Baie de Somme", list);

        var secretary = await SignIn(Browser(), DemoAccounts.SecretaryEmail);
        var refused = await secretary.GetAsync("/Staff/Tenants");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var browser = await SignIn(Browser(), DemoAccounts.AbbevilleAdminEmail);
        var signedOut = await PostForm(browser, "/Account/Logout", "/", []);
        var home = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.PathAndQuery);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\"[^>]*>([^<]+)</option>")]
    private static partial Regex SwitcherOption();

    [GeneratedRegex("<h2>[^<]+</h2>")]
    private static partial Regex ActiveHeading();
}
