using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Api.Accounts;

/// <summary>
/// Invitations, members and accounts through the API, following the link of the queued e-mail (the outbox table, until
/// the test SMTP server reads it): staff invite a commune's secretary, she chooses her password, signs in, sees her
/// commune and invites a colleague; what a tenant's administrator may not do; used, expired and replaced links.
/// </summary>
public abstract partial class AccountsApiTests(SaasAppFactory factory)
{
    private const string Password = "Secretaire-Mairie-2026";

    private static string NewEmail(string who) => $"{who}.{Guid.NewGuid():N}"[..(who.Length + 9)] + "@mairie.test";

    private HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> InviteAsync(HttpClient client, string email, string role, params string[] tenantIds) =>
        client.PostAsJsonAsync("/api/v1/invitations", new { email, role, tenantIds = tenantIds.Length == 0 ? null : tenantIds });

    /// <summary>The token of the last invitation e-mail queued for <paramref name="email"/>, read from its link.</summary>
    private async Task<string> TokenFromLastEmailAsync(string email)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        var message = (await db.OutboxEmails.AsNoTracking().Where(e => e.To == email && e.Kind == "Invitation").ToListAsync())
            .OrderByDescending(e => e.QueuedAt).First();
        var link = LinkPattern().Match(message.TextBody);
        Assert.True(link.Success, message.TextBody);
        return Uri.UnescapeDataString(link.Groups[1].Value);
    }

    private Task<HttpResponseMessage> AcceptAsync(string token, string? displayName = "Marie Dupont", string? password = Password) =>
        Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token, displayName, password });

    private async Task<HttpResponseMessage> SignInAsync(string email, string password = Password) =>
        await Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    /// <summary>A new person invited by staff to <paramref name="tenantId"/> as its administrator, who accepted.</summary>
    private async Task<string> NewAdminOfAsync(string tenantId, string who)
    {
        var email = NewEmail(who);
        Assert.Equal(HttpStatusCode.Created, (await InviteAsync(await factory.StaffAsync(), email, "TenantAdmin", tenantId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AcceptAsync(await TokenFromLastEmailAsync(email))).StatusCode);
        return email;
    }

    [Fact]
    public async Task Staff_invite_a_secretary_who_sets_her_password_signs_in_sees_her_commune_and_invites_a_colleague()
    {
        var corbie = await factory.TenantIdAsync("80212");
        var staff = await factory.StaffAsync();
        var email = NewEmail("secretaire");

        var invited = await InviteAsync(staff, email, "TenantAdmin", corbie);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = await invited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", invitation.GetProperty("status").GetString());
        Assert.Equal("Corbie", invitation.GetProperty("tenants")[0].GetProperty("name").GetString());

        // The e-mail's link is the portal page; its token is single-use and only its hash is stored.
        var token = await TokenFromLastEmailAsync(email);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            var stored = await db.Invitations.AsNoTracking().SingleAsync(i => i.Email == email);
            Assert.NotEqual(token, stored.TokenHash);
            Assert.Equal(64, stored.TokenHash.Length);
        }

        // A password that breaks the rules is refused in French, and nothing is created.
        var weak = await AcceptAsync(token, password: "court");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("mot de passe", (await weak.Content.ReadAsStringAsync()).ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(email, "court")).StatusCode);

        var accepted = await AcceptAsync(token);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accountCreated").GetBoolean());

        var secretary = await factory.SignedInAsync(email, Password);
        var me = await secretary.GetJsonAsync("/api/v1/me");
        Assert.Equal("Corbie", me.GetProperty("activeTenant").GetProperty("name").GetString());
        Assert.Equal("TenantAdmin", me.GetProperty("activeTenant").GetProperty("role").GetString());
        Assert.Equal("Marie Dupont", me.GetProperty("displayName").GetString());

        // She invites a colleague to her commune (no tenant named: the active one).
        var colleague = NewEmail("collegue");
        var second = await InviteAsync(secretary, colleague, "TenantUser");
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(corbie, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tenants")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await AcceptAsync(await TokenFromLastEmailAsync(colleague), "Paul Martin")).StatusCode);

        // Both are members of Corbie, seen by her and by staff; the invitations are accepted.
        var members = await secretary.GetJsonAsync($"/api/v1/tenants/{corbie}/members");
        Assert.Equal(new[] { "TenantAdmin", "TenantUser" }, members.EnumerateArray().Select(m => m.GetProperty("role").GetString()!).ToArray());
        Assert.Contains(members.EnumerateArray(), m => m.GetProperty("email").GetString() == colleague && m.GetProperty("displayName").GetString() == "Paul Martin");
        var list = await staff.GetJsonAsync($"/api/v1/invitations?tenantId={corbie}&status=accepted");
        Assert.Equal(2, list.GetProperty("total").GetInt32());

        // Every step is in the audit log, never with the token.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Area == "Accounts" && (a.Subject == email || a.Subject == colleague)).ToListAsync();
            Assert.Equal(new[] { "AcceptInvitation", "AcceptInvitation", "InviteUser", "InviteUser" }, entries.Select(e => e.Action).Order().ToArray());
            Assert.DoesNotContain(entries, e => (e.After ?? "").Contains(token, StringComparison.Ordinal));
            Assert.Contains(entries, e => e.Action == "InviteUser" && e.Subject == colleague && e.UserEmail == email);
        }
    }

    [Fact]
    public async Task A_communes_administrator_cannot_invite_to_another_tenant_nor_give_a_global_role()
    {
        var abbevilleAdmin = await factory.AbbevilleAdminAsync();
        var albert = await factory.TenantIdAsync("80016");

        var otherTenant = await InviteAsync(abbevilleAdmin, NewEmail("intrus"), "TenantAdmin", albert);
        var staffRole = await InviteAsync(abbevilleAdmin, NewEmail("intrus"), "Staff");
        var treasuryRole = await InviteAsync(abbevilleAdmin, NewEmail("intrus"), "Treasury");
        var otherMembers = await abbevilleAdmin.GetAsync($"/api/v1/tenants/{albert}/members");
        var otherInvitations = await abbevilleAdmin.GetAsync($"/api/v1/invitations?tenantId={albert}");

        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, staffRole.StatusCode);
        Assert.StartsWith("role :", await DetailAsync(staffRole));
        Assert.Equal(HttpStatusCode.Forbidden, treasuryRole.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherMembers.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherInvitations.StatusCode);
        // The secretary of three communes acts for her active one only, even towards another of her communes.
        var secretary = await factory.SecretaryAsync();
        var ercourt = await factory.TenantIdAsync("80280");
        var aumatre = await factory.TenantIdAsync("80040");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/invitations")
        {
            Content = JsonContent.Create(new { email = NewEmail("voisin"), role = "TenantUser", tenantIds = new[] { aumatre } }),
        };
        request.Headers.Add("X-Tenant-Id", ercourt);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.SendAsync(request)).StatusCode);

        // The treasury does not manage accounts.
        Assert.Equal(HttpStatusCode.Forbidden, (await InviteAsync(await factory.TreasuryAsync(), NewEmail("x"), "TenantUser", albert)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.TreasuryAsync()).GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task A_used_or_expired_link_is_refused_in_french_and_changes_nothing()
    {
        var staff = await factory.StaffAsync();
        var doullens = await factory.TenantIdAsync("80253");

        var used = NewEmail("deja");
        await InviteAsync(staff, used, "TenantUser", doullens);
        var token = await TokenFromLastEmailAsync(used);
        Assert.Equal(HttpStatusCode.OK, (await AcceptAsync(token)).StatusCode);
        var again = await AcceptAsync(token, password: "Un-Autre-Passe-2026");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.StartsWith("Ce lien d'invitation a déjà été utilisé", await DetailAsync(again));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(used, "Un-Autre-Passe-2026")).StatusCode);

        var late = NewEmail("tard");
        await InviteAsync(staff, late, "TenantUser", doullens);
        var lateToken = await TokenFromLastEmailAsync(late);
        factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        try
        {
            var expired = await AcceptAsync(lateToken);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, expired.StatusCode);
            Assert.Contains("a expiré le", await DetailAsync(expired));
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(late)).StatusCode);
            var list = await (await factory.StaffAsync()).GetJsonAsync($"/api/v1/invitations?tenantId={doullens}&status=expired");
            Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("email").GetString() == late);
        }
        finally
        {
            factory.Clock.Advance(-(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1)));
        }

        var unknown = await AcceptAsync("pas-un-jeton");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("Ce lien d'invitation n'est pas valide", await DetailAsync(unknown));
    }

    [Fact]
    public async Task A_resend_gives_a_new_link_and_the_old_one_no_longer_works_and_a_revoked_one_is_refused()
    {
        var staff = await factory.StaffAsync();
        var ham = await factory.TenantIdAsync("80410");
        var email = NewEmail("renvoi");
        var invitation = await (await InviteAsync(staff, email, "TenantUser", ham)).Content.ReadFromJsonAsync<JsonElement>();
        var id = invitation.GetProperty("id").GetString();
        var first = await TokenFromLastEmailAsync(email);

        // A second invitation of the same person to the same tenant: re-send the first instead.
        Assert.Equal(HttpStatusCode.Conflict, (await InviteAsync(staff, email, "TenantUser", ham)).StatusCode);

        var resent = await staff.PostAsync($"/api/v1/invitations/{id}/resend", null);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(2, (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sendCount").GetInt32());
        var second = await TokenFromLastEmailAsync(email);
        Assert.NotEqual(first, second);

        var old = await AcceptAsync(first);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AcceptAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostAsync($"/api/v1/invitations/{id}/resend", null)).StatusCode);

        var revokedEmail = NewEmail("annule");
        var revokedId = (await (await InviteAsync(staff, revokedEmail, "TenantUser", ham)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var revokedToken = await TokenFromLastEmailAsync(revokedEmail);
        Assert.Equal(HttpStatusCode.OK, (await staff.DeleteAsync($"/api/v1/invitations/{revokedId}")).StatusCode);
        var refused = await AcceptAsync(revokedToken);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith("Cette invitation a été annulée", await DetailAsync(refused));
    }

    [Fact]
    public async Task An_existing_account_is_attached_to_the_new_tenant_without_a_new_password()
    {
        var staff = await factory.StaffAsync();
        var peronne = await factory.TenantIdAsync("80620");
        var albert = await factory.TenantIdAsync("80016");
        var email = await NewAdminOfAsync(peronne, "peronne");

        // Already a member of Péronne: 409 in French.
        var twice = await InviteAsync(staff, email, "TenantUser", peronne);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("est déjà membre de Péronne", await DetailAsync(twice));

        Assert.Equal(HttpStatusCode.Created, (await InviteAsync(staff, email, "TenantUser", albert)).StatusCode);
        var accepted = await Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token = await TokenFromLastEmailAsync(email) });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("accountCreated").GetBoolean());
        Assert.Contains("Connectez-vous", body.GetProperty("message").GetString());

        var person = await factory.SignedInAsync(email, Password); // the same password as before
        var me = await person.GetJsonAsync("/api/v1/me");
        Assert.Equal(new[] { "Albert:TenantUser", "Péronne:TenantAdmin" },
            me.GetProperty("tenants").EnumerateArray().Select(t => $"{t.GetProperty("name").GetString()}:{t.GetProperty("role").GetString()}").Order().ToArray());
    }

    [Fact]
    public async Task A_member_removed_from_a_tenant_loses_access_and_the_last_administrator_stays_unless_staff_decide()
    {
        var staff = await factory.StaffAsync();
        var roye = await factory.TenantIdAsync("80685");
        var email = await NewAdminOfAsync(roye, "roye");
        var admin = await factory.SignedInAsync(email, Password);
        var userId = (await admin.GetJsonAsync("/api/v1/me")).GetProperty("userId").GetString();

        // The only administrator cannot remove nor demote herself.
        var removeSelf = await admin.DeleteAsync($"/api/v1/tenants/{roye}/members/{userId}");
        Assert.Equal(HttpStatusCode.Conflict, removeSelf.StatusCode);
        Assert.StartsWith("La collectivité doit garder au moins un administrateur", await DetailAsync(removeSelf));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/api/v1/tenants/{roye}/members/{userId}", new { role = "TenantUser" })).StatusCode);

        // Staff change her role, then remove her: she loses access at her next request.
        var changed = await staff.PutAsJsonAsync($"/api/v1/tenants/{roye}/members/{userId}", new { role = "TenantUser" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("TenantUser", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/tenants/{roye}/members/{userId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(HttpMethod.Get, "/api/v1/me", roye)).StatusCode);
        Assert.Equal(0, (await admin.GetJsonAsync("/api/v1/me")).GetProperty("tenants").GetArrayLength());
        Assert.Empty((await staff.GetJsonAsync($"/api/v1/tenants/{roye}/members")).EnumerateArray());
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in_until_staff_reactivate_it()
    {
        var staff = await factory.StaffAsync();
        var rue = await factory.TenantIdAsync("80688");
        var email = await NewAdminOfAsync(rue, "rue");
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email)).StatusCode);

        var users = await staff.GetJsonAsync($"/api/v1/users?search={Uri.EscapeDataString(email)}");
        var user = users.GetProperty("items")[0];
        var id = user.GetProperty("id").GetString();
        Assert.True(user.GetProperty("active").GetBoolean());
        Assert.Equal("TenantAdmin", user.GetProperty("tenants")[0].GetProperty("role").GetString());

        var deactivated = await staff.PostAsync($"/api/v1/users/{id}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(email)).StatusCode);
        Assert.False((await staff.GetJsonAsync($"/api/v1/users/{id}")).GetProperty("active").GetBoolean());

        // Staff cannot deactivate themselves.
        var staffId = (await staff.GetJsonAsync("/api/v1/me")).GetProperty("userId").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/api/v1/users/{staffId}/deactivate", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/users/{id}/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email)).StatusCode);
    }

    [GeneratedRegex(@"/Account/Invitation\?token=([A-Za-z0-9_%\-]+)")]
    private static partial Regex LinkPattern();
}

public sealed class SqliteAccountsApiTests(SqliteApp app) : AccountsApiTests(app.Factory), IClassFixture<SqliteApp>;

public sealed class PostgreSqlAccountsApiTests(PostgreSqlApp app) : AccountsApiTests(app.Factory), IClassFixture<PostgreSqlApp>;
