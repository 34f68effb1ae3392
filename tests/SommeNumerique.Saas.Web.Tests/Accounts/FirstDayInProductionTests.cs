using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SommeNumerique.Saas.TestSupport;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Accounts;

/// <summary>
/// Issue 12, "done when": the syndicate's first day on a fresh <b>Production</b> instance on <b>PostgreSQL</b>, run as
/// the real program (child processes, no test host, no demo account), e-mails through a real SMTP server.
/// The admin command creates the first staff account and prints its activation link; staff set their password, enrol
/// in the two-step sign-in, invite the secretary of a commune; the invitation arrives by SMTP, its link sets her
/// password; she signs in, sees her commune and invites a colleague (who gets the e-mail too); staff record Amiens
/// Métropole's 2019 population and the 2019 statutory contribution run gives 687 273,00 € over 16 lines.
/// </summary>
public sealed partial class FirstDayInProductionTests
{
    private const string StaffEmail = "premiere.agente@somme-numerique.test";
    private const string StaffPassword = "Premier-Jour-2026";
    private const string SecretaryEmail = "secretariat@mairie-corbie.test";
    private const string SecretaryPassword = "Corbie-Mairie-2026";
    private const string ColleagueEmail = "accueil@mairie-corbie.test";

    [Fact]
    public async Task From_the_admin_command_to_the_2019_contribution_on_a_fresh_production_instance()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var connectionString = await (await SharedPostgres.GetAsync()).CreateDatabaseAsync("firstday");
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Default"] = connectionString,
            ["Email__Smtp__Host"] = smtp.Host,
            ["Email__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
            ["Email__Outbox__PollInterval"] = "00:00:00.500",
        };

        // 1. The first administrator: the documented one-time command, on the empty database.
        var (exit, printed) = await AppProcess.RunCommandAsync(settings, "admin", "create", "--email", StaffEmail, "--role", "Staff", "--name", "Première agente");
        Assert.True(exit == 0, printed);
        var activation = ActivationLink().Match(printed);
        Assert.True(activation.Success, printed);
        Assert.DoesNotContain("Demo", printed, StringComparison.OrdinalIgnoreCase);

        await using var app = await AppProcess.StartAsync(Directory.CreateTempSubdirectory("sn-firstday-").FullName, settings);
        using var anonymous = app.Client();

        // No demo account in Production.
        var demo = await anonymous.PostAsJsonAsync("/api/v1/auth/login",
            new { email = SommeNumerique.Saas.Infrastructure.Identity.DemoAccounts.StaffEmail, password = Infrastructure.SaasAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);

        // 2. The activation link sets the password; the portal then requires the second factor before anything else.
        var set = await anonymous.PostAsJsonAsync("/api/v1/auth/reset-password",
            new { userId = activation.Groups[1].Value, code = activation.Groups[2].Value, password = StaffPassword });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var key = await EnrolInThePortalAsync(app, StaffEmail, StaffPassword);
        var refused = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = StaffEmail, password = StaffPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode); // enrolled: the password alone is not enough
        using var staff = await BearerAsync(app, StaffEmail, StaffPassword, DemoAuthenticator.Code(key));

        // 3. Staff invite the secretary of Corbie; the e-mail arrives at the SMTP server.
        var corbie = (await staff.GetJsonAsync("/api/v1/tenants?search=Corbie&kind=commune")).GetProperty("items")[0];
        var corbieId = corbie.Str("id")!;
        var invited = await staff.PostAsJsonAsync("/api/v1/invitations", new { email = SecretaryEmail, role = "TenantAdmin", tenantIds = new[] { corbieId } });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = await smtp.WaitForMessageAsync(SecretaryEmail, TimeSpan.FromSeconds(60));
        var invitationLink = SmtpTestServer.FirstLink(invitation);
        Assert.StartsWith(app.Address.ToString().TrimEnd('/') + "/Account/Invitation?token=", invitationLink);
        var token = Uri.UnescapeDataString(new Uri(invitationLink).Query.Split("token=")[1]);

        // 4. Its link sets her password (once); she signs in and sees her commune.
        var accepted = await anonymous.PostAsJsonAsync("/api/v1/invitations/accept",
            new { token, displayName = "Secrétaire de mairie de Corbie", password = SecretaryPassword });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var reused = await anonymous.PostAsJsonAsync("/api/v1/invitations/accept", new { token, displayName = "Autre", password = "Autre-Passe-2026" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("déjà été utilisé", (await reused.Content.ReadFromJsonAsync<JsonElement>()).Str("detail"));
        using var secretary = await BearerAsync(app, SecretaryEmail, SecretaryPassword, null);
        var me = await secretary.GetJsonAsync("/api/v1/me");
        Assert.Contains(me.GetProperty("tenants").EnumerateArray(), t => t.Str("id") == corbieId);

        // 5. She invites a colleague to her commune; she cannot invite to another tenant nor give a staff role.
        var colleague = await secretary.PostJsonAsync("/api/v1/invitations", new { email = ColleagueEmail, role = "TenantUser", tenantIds = new[] { corbieId } }, corbieId);
        Assert.Equal(HttpStatusCode.Created, colleague.StatusCode);
        var colleagueMail = await smtp.WaitForMessageAsync(ColleagueEmail, TimeSpan.FromSeconds(60));
        Assert.Contains("/Account/Invitation?token=", SmtpTestServer.FirstLink(colleagueMail));
        var asStaff = await secretary.PostJsonAsync("/api/v1/invitations", new { email = "intrus@mairie-corbie.test", role = "Staff" }, corbieId);
        Assert.Equal(HttpStatusCode.Forbidden, asStaff.StatusCode);
        var amiensMetropole = (await staff.GetJsonAsync("/api/v1/tenants?search=Amiens%20M%C3%A9tropole")).GetProperty("items")
            .EnumerateArray().Single(t => t.Str("siren") == "248000531");
        var elsewhere = await secretary.PostJsonAsync("/api/v1/invitations",
            new { email = "intrus@mairie-corbie.test", role = "TenantUser", tenantIds = new[] { amiensMetropole.Str("id") } }, corbieId);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);

        // 6. Staff record Amiens Métropole's 2019 population (seed 002's table), then bill the 2019 contribution.
        var recorded = await staff.PutAsJsonAsync($"/api/v1/tenants/{amiensMetropole.Str("id")}/populations/2019",
            new { population = 182_600, source = "Rapport d'activité 2019, tableau des cotisations (saisie du service)" });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var members = (await staff.GetJsonAsync("/api/v1/tenants?memberOn=2019-06-01&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(16, members.Count);
        foreach (var member in members) await staff.SubscribeAsync(Request("COTISATION", 1, new DateOnly(2019, 1, 1), member.Str("id")));
        var preview = await staff.StartRunAsync("2019");
        var issued = await staff.IssueAsync(preview.Str("id")!);
        var lines = new List<JsonElement>();
        foreach (var member in members)
            foreach (var invoice in await staff.InvoicesAsync(member.Str("id")!, "2019"))
                lines.AddRange(invoice.Lines().Where(l => l.Str("offerCode") == "COTISATION"));
        Assert.Equal(16, lines.Count);
        Assert.Equal(687_273.00m, lines.Sum(l => l.Dec("amountHt")));
        Assert.Equal(687_273.00m, issued.Dec("issuedTotalTtc"));
    }

    /// <summary>Signs in on the portal (cookie), is sent to the enrolment page, enrols with a TOTP code; returns the key.</summary>
    private static async Task<string> EnrolInThePortalAsync(AppProcess app, string email, string password)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        { BaseAddress = app.Address };
        var login = await PortalForms.PostAsync(browser, "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var anyPage = await browser.GetAsync("/Staff/Tenants");
        Assert.Equal("/Account/TwoFactor", anyPage.Headers.Location?.IsAbsoluteUri == true ? anyPage.Headers.Location.AbsolutePath : anyPage.Headers.Location?.OriginalString);
        var enrolment = WebUtility.HtmlDecode(await browser.GetStringAsync("/Account/TwoFactor"));
        var key = KeyOnPage().Match(enrolment).Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        Assert.NotEmpty(key);
        var enabled = await PortalForms.PostAsync(browser, "/Account/TwoFactor", "/Account/TwoFactor", new() { ["Input.Code"] = DemoAuthenticator.Code(key) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Staff/Tenants")).StatusCode);
        return key;
    }

    private static async Task<HttpClient> BearerAsync(AppProcess app, string email, string password, string? code)
    {
        var client = app.Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password, twoFactorCode = code });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login {email}: {(int)response.StatusCode} {body}");
        var token = JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }


    [GeneratedRegex(@"/Account/ResetPassword\?user=([0-9a-f-]{36})&code=([A-Za-z0-9_-]+)")]
    private static partial Regex ActivationLink();

    [GeneratedRegex(@"saisissez la clé <code>([a-z2-7 ]+)</code>")]
    private static partial Regex KeyOnPage();
}
