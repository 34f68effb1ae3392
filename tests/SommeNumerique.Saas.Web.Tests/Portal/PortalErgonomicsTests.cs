using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>
/// What outside testers tripped on (issue 11, item 9): French error pages for the portal and problem details for
/// the API, a favicon, compressed static files and API JSON (never pages), and the listening address.
/// </summary>
public sealed partial class PortalErgonomicsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private HttpClient Browser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    internal static async Task<HttpClient> SignInAsync(HttpClient browser, string email)
    {
        var page = await browser.GetStringAsync("/Account/Login");
        var response = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = SaasAppFactory.DemoPassword,
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    [Theory]
    [InlineData("/Invoices/Details?id={0}")]
    [InlineData("/Invoices/Details/{0}")]
    [InlineData("/Subscriptions/Details?id={0}")]
    [InlineData("/Cette-page-n-existe-pas")]
    public async Task An_unknown_id_or_page_answers_a_French_404_page_not_JSON(string url)
    {
        var browser = await SignInAsync(Browser(), DemoAccounts.AbbevilleAdminEmail);

        var response = await browser.GetAsync(string.Format(url, Guid.NewGuid()));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("<h1>Page introuvable</h1>", html);
        Assert.DoesNotContain("Not Found", html);
    }

    [Fact]
    public async Task The_API_keeps_problem_details_for_an_unknown_id_and_an_unknown_path()
    {
        var client = await app.Factory.AbbevilleAdminAsync();

        foreach (var url in new[] { $"/api/v1/invoices/{Guid.NewGuid()}", "/api/v1/cette-route-n-existe-pas" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(404, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task The_error_page_shown_directly_says_500_in_French()
    {
        var response = await Browser().GetAsync("/Error/500");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("<h1>Une erreur est survenue</h1>", html);
        var forbidden = await Browser().GetAsync("/Error/403");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("<h1>Accès refusé</h1>", WebUtility.HtmlDecode(await forbidden.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Every_page_links_the_favicon_and_it_is_served()
    {
        var login = await Browser().GetStringAsync("/Account/Login");
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />", login);

        var svg = await Browser().GetAsync("/favicon.svg");
        var ico = await Browser().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal([0, 0, 1, 0], (await ico.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Static_files_and_API_JSON_are_compressed_pages_and_sign_in_answers_are_not(string encoding)
    {
        var client = await app.Factory.StaffAsync();
        async Task<ICollection<string>> EncodingOf(HttpClient c, string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            var response = await c.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode}");
            return response.Content.Headers.ContentEncoding;
        }

        Assert.Equal([encoding], await EncodingOf(Browser(), "/css/site.css"));
        Assert.Equal([encoding], await EncodingOf(client, "/api/v1/tenants?pageSize=50"));
        Assert.Empty(await EncodingOf(Browser(), "/Account/Login")); // antiforgery token: no BREACH oracle

        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = DemoAccounts.StaffEmail, password = SaasAppFactory.DemoPassword }),
        };
        login.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        var token = await app.Factory.CreateClient().SendAsync(login);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Empty(token.Content.Headers.ContentEncoding);
    }

    [Fact]
    public void The_launch_profile_does_not_override_ASPNETCORE_URLS()
    {
        var settings = Path.Combine(RepositoryRoot(), "src", "SommeNumerique.Saas.Web", "Properties", "launchSettings.json");
        var profiles = JsonNode.Parse(File.ReadAllText(settings))!["profiles"]!.AsObject();

        Assert.All(profiles, p => Assert.Null(p.Value!["applicationUrl"]));
    }

    [Fact]
    public void The_default_address_applies_only_when_no_address_is_configured()
    {
        var unset = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        unset.Configuration["urls"] = null;
        unset.Configuration["http_ports"] = null;
        unset.Configuration["https_ports"] = null;
        var set = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:5999"] });

        unset.UseDefaultUrlWhenUnset();
        set.UseDefaultUrlWhenUnset();

        Assert.Equal(PortalSetup.DefaultUrl, unset.WebHost.GetSetting("urls"));
        Assert.Equal("http://127.0.0.1:5999", set.WebHost.GetSetting("urls"));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SommeNumerique.Saas.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Repository root (SommeNumerique.Saas.sln) not found above the test binaries.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
