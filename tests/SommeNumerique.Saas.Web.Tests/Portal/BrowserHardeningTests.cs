using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Api.Payments;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>The app in Production (HSTS is not sent in Development), on SQLite.</summary>
public sealed class ProductionApp : IAsyncLifetime
{
    public const string PublicHost = "portail.somme-numerique.test";
    public SaasAppFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = SaasAppFactory.Sqlite(b => b.UseEnvironment("Production"));
        Factory.Settings["AllowedHosts"] = PublicHost; // HSTS is never sent to localhost
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Security headers on every answer, and a Host header that reaches no redirect.</summary>
public sealed partial class BrowserHardeningTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private HttpClient Browser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static TheoryData<string> Answers => new() { "/Account/Login", "/", "/api/v1/me", "/health/live", "/css/site.css" };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_forbids_sniffing_framing_and_leaking_the_address(string url)
    {
        var response = await Browser().GetAsync(url);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Portal_pages_allow_scripts_and_styles_from_the_site_only()
    {
        var csp = Header(await Browser().GetAsync("/Account/Login"), "Content-Security-Policy")!;
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);

        Assert.Equal("default-src 'self'", directives["default-src"]);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("style-src 'self'", directives["style-src"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("base-uri 'self'", directives["base-uri"]);
        Assert.StartsWith("form-action 'self'", directives["form-action"]);
        Assert.DoesNotContain("unsafe", csp);
    }

    [Fact]
    public async Task No_page_has_inline_script_or_style_that_the_policy_would_block()
    {
        var staff = await SignIn(DemoAccounts.StaffEmail);
        foreach (var url in new[] { "/", "/Staff/Catalogue", "/Staff/Catalogue/Item?code=COFFRE-FORT", "/Staff/Billing", "/Staff/Invoices" })
        {
            var html = await staff.GetStringAsync(url);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
        }
    }

    [Fact]
    public async Task The_api_reference_works_under_its_own_policy()
    {
        var response = await app.Factory.CreateClient().GetAsync("/api/docs"); // follows the redirect to /api/docs/
        var html = await response.Content.ReadAsStringAsync();
        var csp = Header(response, "Content-Security-Policy")!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", csp);
        // Every script the page loads is allowed by its policy (Scalar's own bundle, served by the app).
        var sources = ScriptSource().Matches(html).Select(m => new Uri(response.RequestMessage!.RequestUri!, m.Groups[1].Value)).ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.True(source.Host == "localhost", $"{source} is blocked by {csp}");
            Assert.Equal(HttpStatusCode.OK, (await Browser().GetAsync(source.PathAndQuery)).StatusCode);
        }
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_secure_on_https()
    {
        var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost"),
        });
        var response = await browser.GetAsync("/Account/Login");
        var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));

        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_forged_host_header_is_refused_and_reaches_no_redirect()
    {
        var context = await app.Factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Host = new HostString("evil.example");
            c.Request.Path = "/";
        });

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.DoesNotContain("evil.example", context.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task The_configured_host_is_served()
    {
        var response = await Browser().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", response.Headers.Location!.OriginalString);
    }

    private async Task<HttpClient> SignIn(string email)
    {
        var browser = Browser();
        var form = await browser.GetStringAsync("/Account/Login");
        var response = await browser.CompleteTwoFactorAsync(await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = SaasAppFactory.DemoPassword, ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
        })));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : null;

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("\\s(on[a-z]+|style)=\"", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

/// <summary>HSTS in Production: one year, subdomains included.</summary>
public sealed class StrictTransportSecurityTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Https_answers_ask_browsers_to_keep_https_for_a_year_with_subdomains()
    {
        var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri($"https://{ProductionApp.PublicHost}") });
        var response = await browser.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }
}

/// <summary>Stripe configured, and a second host name the app answers to (e.g. the App Service default name).</summary>
public sealed class AliasHostStripeApp : StripeAppFixture
{
    public const string Alias = "alias.somme-numerique.test";

    protected override Task<SaasAppFactory> CreateAsync(Action<IWebHostBuilder> customize) =>
        Task.FromResult(SaasAppFactory.Sqlite(b =>
        {
            customize(b);
            b.UseSetting("AllowedHosts", $"localhost;{Alias}");
        }));
}

/// <summary>The payment return pages come from <c>Portal:BaseUrl</c>, never from the request's Host header.</summary>
public sealed class PaymentReturnUrlTests(AliasHostStripeApp app) : IClassFixture<AliasHostStripeApp>
{
    [Fact]
    public async Task The_return_pages_are_on_the_configured_portal_whatever_host_the_request_named()
    {
        var invoice = await app.Factory.IssuedInvoiceAsync(StripeAppFixture.Abbeville, 2018);
        var admin = await app.Factory.AbbevilleAdminAsync();
        admin.DefaultRequestHeaders.Host = AliasHostStripeApp.Alias;

        var response = await admin.CheckoutAsync(invoice.GetProperty("id").GetString()!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var sent = app.Stripe.SessionCreationFor(invoice.GetProperty("id").GetString()!);
        Assert.StartsWith("http://localhost/Invoices/Details?id=", sent["success_url"]);
        Assert.StartsWith("http://localhost/Invoices/Details?id=", sent["cancel_url"]);
    }
}
