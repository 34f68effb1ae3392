using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.TestSupport;
using SommeNumerique.Saas.Web.Tests.Api;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.ScaleOut;

/// <summary>
/// Two instances of the app on ONE PostgreSQL database, as behind a load balancer, plus a stranger instance on a
/// database of its own (its own Data Protection key ring) as the control.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public SaasAppFactory A { get; private set; } = null!;
    public SaasAppFactory B { get; private set; } = null!;
    public SaasAppFactory Stranger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var server = await SharedPostgres.GetAsync();
        var shared = await server.CreateDatabaseAsync("scaleout");

        // A starts fully first: migrations, reference data, demo accounts.
        A = new SaasAppFactory("PostgreSql", shared, Path.GetTempPath());
        _ = A.Server;

        // B is a second replica of the same release: it does not migrate (A did), the rest of its start-up is idempotent.
        B = new SaasAppFactory("PostgreSql", shared, Path.GetTempPath());
        B.Settings["Database:MigrateOnStartup"] = "false";
        _ = B.Server;

        Stranger = await SaasAppFactory.PostgreSqlAsync();
        _ = Stranger.Server;
    }

    public async Task DisposeAsync()
    {
        await Stranger.DisposeAsync();
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}

/// <summary>
/// Scale-out readiness (issue 7): a portal session, an antiforgery token and a bearer token issued by one instance
/// are accepted by the other because the Data Protection keys are in the shared database; one open billing run per
/// period holds across instances because the database decides. Each instance has its own test server, so the
/// "browser" is a cookie jar shared by clients of both, like a browser behind a round-robin load balancer.
/// </summary>
public sealed partial class TwoInstancesTests(TwoInstances apps) : IClassFixture<TwoInstances>
{
    /// <summary>A client of one instance that keeps its cookies in <paramref name="jar"/>; redirects are not followed.</summary>
    private static HttpClient Browser(SaasAppFactory instance, CookieContainer jar) =>
        instance.CreateDefaultClient(new CookieContainerHandler(jar));

    private static async Task<string> TokenOf(HttpClient browser, string url)
    {
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(token);
        return token;
    }

    private static Task<HttpResponseMessage> PostForm(HttpClient browser, string url, string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static Dictionary<string, string> Credentials(string email) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = SaasAppFactory.DemoPassword };

    private static async Task SignIn(HttpClient browser, string email)
    {
        var response = await browser.CompleteTwoFactorAsync(await PostForm(browser, "/Account/Login", await TokenOf(browser, "/Account/Login"), Credentials(email)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> Html(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task A_portal_session_started_on_one_instance_continues_on_the_other()
    {
        var jar = new CookieContainer();
        var onA = Browser(apps.A, jar);
        var onB = Browser(apps.B, jar);

        await SignIn(onA, DemoAccounts.SecretaryEmail);
        Assert.Contains(jar.GetAllCookies(), c => c.Name == "sn.auth");

        // B reads A's cookie: the secretary's own page, not a redirect to the sign-in page.
        var home = await onB.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await Html(home);
        Assert.Contains("<span class=\"user-name\">Secrétaire de mairie (démo)</span>", html);
        var vitz = SwitcherOption().Matches(html).Single(m => m.Groups[2].Value == "Vitz-sur-Authie").Groups[1].Value;

        // A form of a page served by A, posted to B: B accepts A's antiforgery token (the tenant switcher).
        var token = await TokenOf(onA, "/");
        var switched = await PostForm(onB, "/Tenant/Switch", token, new() { ["tenantId"] = vitz, ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("<h2>Vitz-sur-Authie</h2>", await Html(await onA.GetAsync("/")));

        // The reverse direction: a token of B's page signs out on A.
        var signedOut = await PostForm(onA, "/Account/Logout", await TokenOf(onB, "/"), []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var after = await onB.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_instance_with_another_key_ring_rejects_the_cookie_and_the_antiforgery_token()
    {
        var jar = new CookieContainer();
        var onA = Browser(apps.A, jar);
        var onB = Browser(apps.B, jar);
        var onStranger = Browser(apps.Stranger, jar);

        // The sign-in form of A, posted to the stranger: its antiforgery cookie and token cannot be read there.
        var anonymousToken = await TokenOf(onA, "/Account/Login");
        var refused = await PostForm(onStranger, "/Account/Login", anonymousToken, Credentials(DemoAccounts.SecretaryEmail));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain(jar.GetAllCookies(), c => c.Name == "sn.auth");

        // The same form posted to B signs in (same key ring, same database)...
        var signedIn = await PostForm(onB, "/Account/Login", anonymousToken, Credentials(DemoAccounts.SecretaryEmail));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/")).StatusCode);

        // ...and the session cookie it gave is worthless to the stranger: same demo accounts, other key ring.
        var home = await onStranger.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_bearer_token_of_one_instance_is_accepted_by_the_other_but_not_by_the_stranger()
    {
        var staffOnA = await apps.A.StaffAsync();
        var token = staffOnA.DefaultRequestHeaders.Authorization;

        var onB = apps.B.CreateClient();
        onB.DefaultRequestHeaders.Authorization = token;
        var me = await onB.GetJsonAsync("/api/v1/me");
        Assert.Contains(DemoAccounts.StaffEmail, me.GetRawText());

        var onStranger = apps.Stranger.CreateClient();
        onStranger.DefaultRequestHeaders.Authorization = token;
        Assert.Equal(HttpStatusCode.Unauthorized, (await onStranger.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task One_open_billing_run_per_period_holds_across_instances()
    {
        const string period = "2016";
        var staffOnA = await apps.A.StaffAsync();
        var staffOnB = await apps.B.StaffAsync();

        var first = await staffOnA.StartRunAsync(period);
        var firstId = first.Str("id")!;
        Assert.Equal("Previewed", first.Str("status"));

        // B sees the run A opened and refuses a second one of the period.
        Assert.Equal("Previewed", (await staffOnB.GetJsonAsync($"/api/v1/billing-runs/{firstId}")).Str("status"));
        var refused = await staffOnB.PostJsonAsync("/api/v1/billing-runs", new { period, dryRun = true });
        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("déjà ouverte", problem.Str("detail"));
        Assert.Contains(firstId, problem.Str("detail"));

        // Abandoned on B, the period is free again on A.
        var abandoned = await (await staffOnB.PostJsonAsync($"/api/v1/billing-runs/{firstId}/abandon", new { })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Abandoned", abandoned.Str("status"));
        var second = await staffOnA.StartRunAsync(period);
        Assert.NotEqual(firstId, second.Str("id"));
        Assert.Equal("Previewed", second.Str("status"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\"[^>]*>([^<]+)</option>")]
    private static partial Regex SwitcherOption();
}
