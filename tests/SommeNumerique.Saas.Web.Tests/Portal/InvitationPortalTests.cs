using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>
/// The invitation's link in the browser: the French page, the password form, a used link refused, then the new
/// administrator signs in and invites a colleague from the members page.
/// </summary>
public sealed partial class InvitationPortalTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Password = "Secretaire-Portail-2026";

    private async Task<string> LinkPathAsync(string email)
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        var body = (await db.OutboxEmails.AsNoTracking().Where(e => e.To == email).ToListAsync()).OrderByDescending(e => e.QueuedAt).First().TextBody;
        return Link().Match(body).Groups[1].Value;
    }

    private HttpClient Browser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task The_invitation_page_sets_a_password_refuses_a_used_link_and_the_new_administrator_invites_a_colleague()
    {
        var albert = await app.Factory.TenantIdAsync("80016");
        var email = $"portail.{Guid.NewGuid():N}"[..16] + "@mairie.test";
        var staff = await app.Factory.StaffAsync();
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/v1/invitations", new { email, role = "TenantAdmin", tenantIds = new[] { albert } })).StatusCode);
        var path = await LinkPathAsync(email);

        var browser = Browser();
        var page = await browser.GetStringAsync(path);
        Assert.Contains("Albert", page);
        Assert.Contains("administrateur de la collectivité", WebUtility.HtmlDecode(page));
        Assert.Contains(email, page);

        var mismatch = await browser.PostAsync(path, Form(page, new() { ["Input.DisplayName"] = "Claire Leroy", ["Input.Password"] = Password, ["Input.ConfirmPassword"] = "Autre-Chose-2026" }));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("Les deux mots de passe ne sont pas identiques.", WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync()));

        var accepted = await browser.PostAsync(path, Form(page, new() { ["Input.DisplayName"] = "Claire Leroy", ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password }));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("Votre compte est créé", WebUtility.HtmlDecode(await accepted.Content.ReadAsStringAsync()));

        var used = await Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, used.StatusCode);
        Assert.Contains("Ce lien d'invitation a déjà été utilisé", WebUtility.HtmlDecode(await used.Content.ReadAsStringAsync()));

        // She signs in on the portal and invites a colleague from the members page.
        var login = await browser.GetStringAsync("/Account/Login");
        var signedIn = await browser.PostAsync("/Account/Login", Form(login, new() { ["Input.Email"] = email, ["Input.Password"] = Password }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var members = await browser.GetStringAsync("/Tenant/Members");
        Assert.Contains("Claire Leroy", members);
        var colleague = $"collegue.{Guid.NewGuid():N}"[..17] + "@mairie.test";
        var invited = await browser.PostAsync("/Tenant/Members?handler=Invite", Form(members, new() { ["Invite.Email"] = colleague, ["Invite.Role"] = "TenantUser" }));
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var after = WebUtility.HtmlDecode(await browser.GetStringAsync(invited.Headers.Location!.OriginalString));
        Assert.Contains("Invitation envoyée.", after);
        Assert.Contains(colleague, after);
        Assert.StartsWith("/Account/Invitation?token=", await LinkPathAsync(colleague));
    }

    private static FormUrlEncodedContent Form(string html, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Token().Match(html).Groups[1].Value;
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex(@"http://localhost(/Account/Invitation\?token=[A-Za-z0-9_%\-]+)")]
    private static partial Regex Link();
}
