using SommeNumerique.Saas.Application.Identity;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>The application's password hasher, counting the password checks it makes.</summary>
public sealed class CountingPasswordHasher(IPasswordHasher<ApplicationUser> inner) : IPasswordHasher<ApplicationUser>
{
    private static int _checks;
    public static int Checks => Volatile.Read(ref _checks);

    public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _checks);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>The app with the counting hasher and an account locked by an administrator.</summary>
public sealed class SignInApp : IAsyncLifetime
{
    public const string LockedEmail = "verrouille@abbeville.test";
    public SaasAppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = SaasAppFactory.Sqlite(b => b.ConfigureTestServices(services =>
            services.AddScoped<IPasswordHasher<ApplicationUser>>(sp =>
                new CountingPasswordHasher(new PasswordHasher<ApplicationUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>())))));
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var locked = new ApplicationUser { UserName = LockedEmail, Email = LockedEmail, EmailConfirmed = true, DisplayName = "Compte verrouillé" };
        Assert.True((await users.CreateAsync(locked, SaasAppFactory.DemoPassword)).Succeeded);
        Assert.True((await users.SetLockoutEndDateAsync(locked, DateTimeOffset.UtcNow.AddYears(1))).Succeeded);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Sign-in answers the same, after the same work, whatever the account: unknown e-mail, wrong password, locked account.
/// </summary>
public sealed partial class SignInTests(SignInApp app) : IClassFixture<SignInApp>
{
    public static TheoryData<string, string> Refusals => new()
    {
        { "inconnu@nulle-part.test", "Mauvais-Passw0rd" },
        { DemoAccounts.TreasuryEmail, "Mauvais-Passw0rd" },
        { SignInApp.LockedEmail, SaasAppFactory.DemoPassword }, // even the right password
    };

    private async Task<(int Status, string Body, int Checks)> ApiLogin(string email, string password)
    {
        var before = CountingPasswordHasher.Checks;
        var response = await app.Factory.CreateClient().PostAsync("/api/v1/auth/login",
            new StringContent(JsonSerializer.Serialize(new { email, password }), System.Text.Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var body = $"{problem.GetProperty("status")} {problem.GetProperty("title")} {problem.GetProperty("detail")}"; // the traceId differs
        return ((int)response.StatusCode, body, CountingPasswordHasher.Checks - before);
    }

    private async Task<(int Status, string Message, int Checks)> PortalLogin(string email, string password)
    {
        var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/Account/Login");
        var before = CountingPasswordHasher.Checks;
        var response = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
        }));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, Summary().Match(html).Value, CountingPasswordHasher.Checks - before);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task The_api_refuses_every_failed_sign_in_alike_after_one_password_check(string email, string password)
    {
        var reference = await ApiLogin("personne@nulle-part.test", "Mauvais-Passw0rd");
        var answer = await ApiLogin(email, password);

        Assert.Equal((401, "401 Connexion refusée Adresse e-mail ou mot de passe incorrect.", 1), reference);
        Assert.Equal(reference, answer);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task The_portal_refuses_every_failed_sign_in_alike_after_one_password_check(string email, string password)
    {
        var answer = await PortalLogin(email, password);

        Assert.Equal(200, answer.Status);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", answer.Message);
        Assert.DoesNotContain("verrouill", answer.Message);
        Assert.Equal(1, answer.Checks);
    }

    [Fact]
    public async Task Wrong_passwords_no_longer_lock_the_account()
    {
        for (var i = 0; i < 6; i++) Assert.Equal(401, (await ApiLogin(DemoAccounts.AbbevilleAdminEmail, "Mauvais-Passw0rd")).Status);

        var response = await app.Factory.CreateClient().PostAsync("/api/v1/auth/login", new StringContent(
            JsonSerializer.Serialize(new { email = DemoAccounts.AbbevilleAdminEmail, password = SaasAppFactory.DemoPassword }),
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<div class=\"[^\"]*validation-summary[^\"]*\"[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex Summary();
}

/// <summary>The app with small sign-in limits: 6 attempts per address, 2 per e-mail and address, 4 per e-mail, per hour.</summary>
public sealed class ThrottledSignInApp : IAsyncLifetime
{
    public SaasAppFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = SaasAppFactory.Sqlite();
        Factory.Settings["RateLimiting:SignIn:PerIpPermitLimit"] = "6";
        Factory.Settings["RateLimiting:SignIn:PerIpWindow"] = "01:00:00";
        Factory.Settings["RateLimiting:SignIn:PerAccountAndIpPermitLimit"] = "2";
        Factory.Settings["RateLimiting:SignIn:PerAccountAndIpWindow"] = "01:00:00";
        Factory.Settings["RateLimiting:SignIn:PerAccountPermitLimit"] = "4";
        Factory.Settings["RateLimiting:SignIn:PerAccountWindow"] = "01:00:00";
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Rapid sign-in attempts are answered 429 (with Retry-After) per address, per e-mail and address, per e-mail.</summary>
public sealed partial class SignInThrottlingTests(ThrottledSignInApp app) : IClassFixture<ThrottledSignInApp>
{
    private async Task<HttpContext> ApiLogin(string email, string password, string clientIp) =>
        await app.Factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(clientIp);
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = "/api/v1/auth/login";
            c.Request.Host = new HostString("localhost");
            c.Request.ContentType = "application/json";
            var body = JsonSerializer.SerializeToUtf8Bytes(new { email, password, twoFactorCode = SommeNumerique.Saas.TestSupport.DemoAuthenticator.Code() });
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
            c.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
        });

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private static async Task<JsonElement> Problem(HttpContext context) =>
        (await JsonDocument.ParseAsync(context.Response.Body)).RootElement;

    private async Task AssertThrottled(string email, string password, string clientIp)
    {
        var refused = await ApiLogin(email, password, clientIp);
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.True(int.Parse(refused.Response.Headers.RetryAfter.ToString()) > 0);
        Assert.StartsWith("application/problem+json", refused.Response.ContentType);
        var problem = await Problem(refused);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("Trop de tentatives de connexion. Réessayez dans ", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_throttled()
    {
        for (var i = 0; i < 6; i++)
            Assert.Equal(401, (await ApiLogin($"essai{i}@nulle-part.test", "Mauvais-Passw0rd", "198.51.100.1")).Response.StatusCode);

        await AssertThrottled("essai6@nulle-part.test", "Mauvais-Passw0rd", "198.51.100.1");
        // Another address is not concerned.
        Assert.Equal(401, (await ApiLogin("essai7@nulle-part.test", "Mauvais-Passw0rd", "198.51.100.2")).Response.StatusCode);
    }

    [Fact]
    public async Task One_address_guessing_one_account_is_throttled_without_refusing_that_account_to_others()
    {
        for (var i = 0; i < 2; i++)
            Assert.Equal(401, (await ApiLogin(DemoAccounts.StaffEmail, "Mauvais-Passw0rd", "198.51.100.10")).Response.StatusCode);

        await AssertThrottled(DemoAccounts.StaffEmail, SaasAppFactory.DemoPassword, "198.51.100.10"); // not even checked
        Assert.Equal(200, (await ApiLogin(DemoAccounts.StaffEmail, SaasAppFactory.DemoPassword, "198.51.100.11")).Response.StatusCode);
    }

    [Fact]
    public async Task Many_addresses_guessing_one_e_mail_are_throttled_alike_for_unknown_and_real_accounts()
    {
        string[] emails = [DemoAccounts.TreasuryEmail, "fantome@somme-numerique.test"];
        for (var e = 0; e < emails.Length; e++)
        {
            for (var i = 0; i < 4; i++) // each from an address of its own
                Assert.Equal(401, (await ApiLogin(emails[e], "Mauvais-Passw0rd", $"203.0.113.{e * 10 + i}")).Response.StatusCode);
            await AssertThrottled(emails[e], "Mauvais-Passw0rd", "203.0.113.200");
        }
    }

    [Fact]
    public async Task The_portal_says_so_in_french_with_a_429()
    {
        var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        HttpResponseMessage response = null!;
        for (var i = 0; i < 3; i++) // the test client has no address: its own partition
        {
            var form = await browser.GetStringAsync("/Account/Login");
            response = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "portail@nulle-part.test", ["Input.Password"] = "Mauvais-Passw0rd",
                ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            }));
        }
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Trop de tentatives de connexion. Réessayez dans ", html);
        Assert.Contains("<form", html); // the sign-in form, in the portal's layout
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
