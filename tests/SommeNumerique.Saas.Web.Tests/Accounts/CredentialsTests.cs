using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;
using SommeNumerique.Saas.TestSupport;
using SommeNumerique.Saas.Web.Security;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Accounts;

/// <summary>
/// Issue 12, items 1-3: the first administrator (admin command), forgot / reset / change password with the security
/// stamp ending other sessions, and the two-step sign-in required for Staff and Treasury.
/// </summary>
public sealed partial class CredentialsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private SaasAppFactory Factory => app.Factory;
    private const string NewPassword = "Nouveau-Passw0rd-42";

    private HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<ApplicationUser> CreateUserAsync(string email, string? role = null, string? password = SaasAppFactory.DemoPassword)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        Assert.True((password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password)).Succeeded);
        if (role is not null) Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    private async Task<T> WithDbAsync<T>(Func<SaasDbContext, Task<T>> read)
    {
        using var scope = Factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseHost();
        return await read(scope.ServiceProvider.GetRequiredService<SaasDbContext>());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<HttpClient> BearerAsync(string email, string password, string? code = null)
    {
        var client = Anonymous();
        var (status, body) = await PostAsync(client, "/api/v1/auth/login", new { email, password, twoFactorCode = code });
        Assert.True(status == HttpStatusCode.OK, $"login {email}: {(int)status} {body}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Where a redirect goes: path and query, whether the Location is relative or absolute.</summary>
    private static string Target(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static (Guid User, string Code) ParseLink(string text)
    {
        var match = ResetLink().Match(text);
        Assert.True(match.Success, $"no reset link in: {text}");
        return (Guid.Parse(match.Groups[1].Value), match.Groups[2].Value);
    }

    [Fact]
    public async Task The_admin_command_creates_a_staff_account_whose_printed_link_sets_the_password_then_enrolment_is_required()
    {
        var output = new StringWriter();
        var exit = await AdminCommand.RunAsync(Factory.Services,
            ["admin", "create", "--email", "premier.agent@syndicat.test", "--role", "Staff", "--name", "Premier agent"], output, TextWriter.Null);
        Assert.Equal(0, exit);
        var (userId, code) = ParseLink(output.ToString());
        Assert.Contains("http://localhost/Account/ResetPassword?user=", output.ToString()); // Portal:BaseUrl of the tests

        // No password yet: nothing signs in.
        var (refused, _) = await PostAsync(Anonymous(), "/api/v1/auth/login", new { email = "premier.agent@syndicat.test", password = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);

        // The link sets the password, once.
        var (set, _) = await PostAsync(Anonymous(), "/api/v1/auth/reset-password", new { userId, code, password = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, set);
        var (again, againBody) = await PostAsync(Anonymous(), "/api/v1/auth/reset-password", new { userId, code, password = "Encore-Passw0rd-43" });
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.StartsWith("Ce lien n'est plus valable", againBody.GetProperty("errors").GetProperty("code")[0].GetString());

        // The API refuses a Staff account not enrolled in the two-step sign-in, explaining what to do.
        var (api, apiBody) = await PostAsync(Anonymous(), "/api/v1/auth/login", new { email = "premier.agent@syndicat.test", password = NewPassword });
        Assert.Equal(HttpStatusCode.Forbidden, api);
        Assert.Equal(PasswordSignIn.EnrolmentRequiredMessage, apiBody.GetProperty("detail").GetString());

        // The portal signs in, then sends every page to the enrolment page until enrolled.
        var browser = Anonymous();
        var login = await PortalForms.PostAsync(browser, "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = "premier.agent@syndicat.test", ["Input.Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var home = await browser.GetAsync("/Staff/Tenants");
        Assert.Equal("/Account/TwoFactor", Target(home));
        var enrolment = WebUtility.HtmlDecode(await browser.GetStringAsync("/Account/TwoFactor"));
        Assert.Contains("<svg", enrolment);
        Assert.Contains("obligatoire pour votre compte", enrolment);
        var key = KeyOnPage().Match(enrolment).Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        var enabled = await PortalForms.PostAsync(browser, "/Account/TwoFactor", "/Account/TwoFactor", new() { ["Input.Code"] = DemoAuthenticator.Code(key) });
        var codesPage = WebUtility.HtmlDecode(await enabled.Content.ReadAsStringAsync());
        Assert.Equal(10, RecoveryCode().Matches(codesPage).Count);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Staff/Tenants")).StatusCode); // the session goes on, enrolled

        // Now the API wants the code.
        await BearerAsync("premier.agent@syndicat.test", NewPassword, DemoAuthenticator.Code(key));
        var audit = await WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == "premier.agent@syndicat.test").Select(e => e.Action).ToListAsync());
        Assert.Contains("AdminAccountCreated", audit);
        Assert.Contains("PasswordReset", audit);
        Assert.Contains("TwoFactorEnabled", audit);
    }

    [Fact]
    public async Task The_admin_command_reactivates_a_deactivated_account_and_refuses_bad_arguments()
    {
        var user = await CreateUserAsync("ancien.agent@syndicat.test");
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            await users.SetLockoutEndDateAsync(stored!, DateTimeOffset.MaxValue);
        }
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommand.RunAsync(Factory.Services, ["admin", "create", "--email", "ancien.agent@syndicat.test", "--role", "treasury"], output, TextWriter.Null));
        Assert.Contains("réactivé", output.ToString());
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            Assert.Null(stored!.LockoutEnd);
            Assert.True(await users.IsInRoleAsync(stored, Roles.Treasury));
        }

        foreach (var args in new[]
        {
            new[] { "admin", "create", "--email", "pas-une-adresse", "--role", "Staff" },
            ["admin", "create", "--email", "x@y.test", "--role", "TenantAdmin"],
            ["admin", "create", "--email", "x@y.test"],
            ["admin", "delete", "--email", "x@y.test", "--role", "Staff"],
        })
        {
            var error = new StringWriter();
            Assert.Equal(2, await AdminCommand.RunAsync(Factory.Services, args, TextWriter.Null, error));
            Assert.StartsWith("Usage : admin create --email", error.ToString());
        }
    }

    [Fact]
    public async Task Forgot_password_answers_alike_for_known_and_unknown_addresses_and_only_the_known_one_gets_a_link()
    {
        await CreateUserAsync("oublieuse@commune.test");
        var before = await WithDbAsync(db => db.OutboxEmails.CountAsync());

        var unknown = await Anonymous().PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = "personne@commune.test" });
        var known = await Anonymous().PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = "Oublieuse@Commune.test" });
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());

        var queued = await WithDbAsync(db => db.OutboxEmails.OrderBy(e => e.QueuedAt).Skip(before).ToListAsync());
        var mail = Assert.Single(queued);
        Assert.Equal("oublieuse@commune.test", mail.To);
        Assert.Equal("PasswordReset", mail.Kind);

        // The portal page answers the same way, for both.
        var page1 = await PortalForms.PostAsync(Anonymous(), "/Account/ForgotPassword", "/Account/ForgotPassword", new() { ["Input.Email"] = "personne@commune.test" });
        Assert.Contains(Credentials.ForgotAnswer, WebUtility.HtmlDecode(await page1.Content.ReadAsStringAsync()));

        // The link sets the password through the page, then is dead.
        var (userId, code) = ParseLink(mail.TextBody);
        var link = $"/Account/ResetPassword?user={userId}&code={code}";
        var reset = await PortalForms.PostAsync(Anonymous(), link, link, new() { ["Input.Password"] = NewPassword, ["Input.Confirmation"] = NewPassword });
        Assert.Contains("Votre mot de passe est enregistré", WebUtility.HtmlDecode(await reset.Content.ReadAsStringAsync()));
        var dead = WebUtility.HtmlDecode(await Anonymous().GetStringAsync(link));
        Assert.Contains("Ce lien n'est plus valable", dead);
        await BearerAsync("oublieuse@commune.test", NewPassword);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_bearer_tokens_and_cookies_but_not_this_one()
    {
        await CreateUserAsync("changeuse@commune.test");
        var other = await BearerAsync("changeuse@commune.test", SaasAppFactory.DemoPassword);
        var browser = Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalForms.PostAsync(browser, "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = "changeuse@commune.test", ["Input.Password"] = SaasAppFactory.DemoPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/me")).StatusCode);

        var self = await BearerAsync("changeuse@commune.test", SaasAppFactory.DemoPassword);
        var wrong = await self.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "pas-le-bon", newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var changed = await self.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = SaasAppFactory.DemoPassword, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var token = (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/me")).StatusCode);
        var portal = await browser.GetAsync("/Account/Password");
        Assert.StartsWith("/Account/Login", Target(portal));
        self.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains("PasswordChanged", await WithDbAsync(db => db.AuditEntries.Where(e => e.Subject == "changeuse@commune.test").Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task A_deactivated_account_loses_its_sessions_at_once()
    {
        var user = await CreateUserAsync("partie@commune.test");
        var client = await BearerAsync("partie@commune.test", SaasAppFactory.DemoPassword);
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            await users.SetLockoutEndDateAsync(stored!, DateTimeOffset.MaxValue); // as the "deactivate" use case
            await users.UpdateSecurityStampAsync(stored!);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        var (status, body) = await PostAsync(Anonymous(), "/api/v1/auth/login", new { email = "partie@commune.test", password = SaasAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(PasswordSignIn.RefusedMessage, body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_enrolled_staff_agent_needs_the_code_and_a_recovery_code_works_once()
    {
        var (missing, missingBody) = await PostAsync(Anonymous(), "/api/v1/auth/login", new { email = DemoAccounts.StaffEmail, password = SaasAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal("Code de vérification requis", missingBody.GetProperty("title").GetString());
        var wrongCode = DemoAuthenticator.Code() == "123456" ? "654321" : "123456";
        var (wrong, wrongBody) = await PostAsync(Anonymous(), "/api/v1/auth/login",
            new { email = DemoAccounts.StaffEmail, password = SaasAppFactory.DemoPassword, twoFactorCode = wrongCode });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(PasswordSignIn.CodeWrongMessage, wrongBody.GetProperty("detail").GetString());
        var (wrongPassword, wrongPasswordBody) = await PostAsync(Anonymous(), "/api/v1/auth/login",
            new { email = DemoAccounts.StaffEmail, password = "pas-le-bon", twoFactorCode = DemoAuthenticator.Code() });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword);
        Assert.Equal(PasswordSignIn.RefusedMessage, wrongPasswordBody.GetProperty("detail").GetString());

        var staff = await BearerAsync(DemoAccounts.StaffEmail, SaasAppFactory.DemoPassword, DemoAuthenticator.Code());
        var status = await staff.GetFromJsonAsync<JsonElement>("/api/v1/me/two-factor");
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.True(status.GetProperty("required").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync("/api/v1/me/two-factor/disable", null)).StatusCode);
        var codes = (await (await staff.PostAsync("/api/v1/me/two-factor/recovery-codes", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, codes.Count);

        var (first, _) = await PostAsync(Anonymous(), "/api/v1/auth/login", new { email = DemoAccounts.StaffEmail, password = SaasAppFactory.DemoPassword, recoveryCode = codes[0] });
        Assert.Equal(HttpStatusCode.OK, first);
        var (second, _) = await PostAsync(Anonymous(), "/api/v1/auth/login", new { email = DemoAccounts.StaffEmail, password = SaasAppFactory.DemoPassword, recoveryCode = codes[0] });
        Assert.Equal(HttpStatusCode.Unauthorized, second);

        // The portal asks the code on its second step, and a wrong one is refused there too.
        var browser = Anonymous();
        var login = await PortalForms.PostAsync(browser, "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = DemoAccounts.TreasuryEmail, ["Input.Password"] = SaasAppFactory.DemoPassword });
        Assert.StartsWith("/Account/LoginWith2fa", Target(login));
        Assert.StartsWith("/Account/Login?", Target(await browser.GetAsync("/Staff/Treasury"))); // not signed in before the second step
        var refused = await browser.CompleteTwoFactorAsync(login, wrongCode);
        Assert.Contains(PasswordSignIn.CodeWrongMessage, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        var signedIn = await browser.CompleteTwoFactorAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Staff/Treasury")).StatusCode);
    }

    [Fact]
    public async Task The_admin_command_runs_as_its_own_process_on_the_database_of_the_web_application()
    {
        var data = Directory.CreateTempSubdirectory("sn-admin-create-").FullName;
        var (exit, output) = await RunAdminAsync(data, "admin", "create", "--email", "tresorier@syndicat.test", "--role", "Treasury");
        Assert.True(exit == 0, output);
        var (userId, code) = ParseLink(output);
        Assert.Contains("http://localhost:5080/Account/ResetPassword?user=", output); // no Portal:BaseUrl configured
        var (bad, usage) = await RunAdminAsync(data, "admin", "create", "--role", "Treasury");
        Assert.Equal(2, bad);
        Assert.Contains("Usage : admin create", usage);

        // The web application on the same database follows the printed link.
        await using var web = new SaasAppFactory("Sqlite", null, data);
        var (set, _) = await PostAsync(web.CreateClient(), "/api/v1/auth/reset-password", new { userId, code, password = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, set);
        var (login, body) = await PostAsync(web.CreateClient(), "/api/v1/auth/login", new { email = "tresorier@syndicat.test", password = NewPassword });
        Assert.Equal(HttpStatusCode.Forbidden, login); // right password; enrol in the portal first
        Assert.Equal(PasswordSignIn.EnrolmentRequiredMessage, body.GetProperty("detail").GetString());
    }

    private static Task<(int Exit, string Output)> RunAdminAsync(string dataDirectory, params string[] args) =>
        Api.Billing.AppProcess.RunCommandAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__Provider"] = "Sqlite", ["Database__DataDirectory"] = dataDirectory,
        }, args);

    [GeneratedRegex(@"/Account/ResetPassword\?user=([0-9a-f-]{36})&code=([A-Za-z0-9_-]+)")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"saisissez la clé <code>([a-z2-7 ]+)</code>")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex(@"<li><code>[A-Z0-9]{5}-[A-Z0-9]{5}</code></li>")]
    private static partial Regex RecoveryCode();
}

/// <summary>Posts a portal form with the antiforgery token of the page that holds it, as a browser does.</summary>
internal static partial class PortalForms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string url, string pageWithForm, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(pageWithForm);
        fields["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
