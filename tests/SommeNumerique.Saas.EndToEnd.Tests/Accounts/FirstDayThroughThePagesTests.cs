using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SommeNumerique.Saas.EndToEnd.Tests.Infrastructure;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SommeNumerique.Saas.EndToEnd.Tests.Accounts;

/// <summary>The app with its e-mails sent to a real SMTP server of the test (issue 12: invitations arrive by SMTP).</summary>
public sealed class MailingAppFixture : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; private set; } = null!;
    public E2EAppFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        foreach (var (key, value) in Smtp.AppSettings) Factory.Settings[key] = value;
        Factory.Start();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// Issue 12, "done when", through the pages in a real Chromium: staff invite the secretary of Corbie from the tenant's
/// users page; the invitation arrives at the SMTP server; she opens its link, chooses her password, signs in, sees her
/// commune and invites a colleague from "Membres"; staff record Amiens Métropole's 2019 population on its record and the
/// 2019 contribution run shows 16 invoices and 687 273,00 €. Each new page passes the axe-core check.
/// </summary>
public sealed partial class FirstDayThroughThePagesTests(MailingAppFixture app, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<MailingAppFixture>, IClassFixture<BrowserFixture>
{
    private const string SecretaryEmail = "secretariat@mairie-corbie.test";
    private const string SecretaryPassword = "Corbie-Mairie-2026";
    private const string ColleagueEmail = "accueil@mairie-corbie.test";

    [Fact]
    public async Task Staff_invite_a_secretary_who_joins_by_the_e_mailed_link_and_the_2019_contribution_is_billed()
    {
        await using var staffContext = await NewContextAsync();
        var staff = await staffContext.NewPageAsync();
        await PortalSteps.SignInAsync(staff, DemoAccounts.StaffEmail, output: output);

        // Staff: Corbie's record, its users, an invitation.
        await OpenTenantRecordAsync(staff, "Corbie");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Utilisateurs" }).ClickAsync();
        await staff.GetByLabel("Adresse e-mail").FillAsync(SecretaryEmail);
        await staff.GetByLabel("Rôle", new() { Exact = true }).SelectOptionAsync("TenantAdmin");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Envoyer l'invitation" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Cell, new() { Name = SecretaryEmail })).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(staff, "staff-tenant-members", output);

        // The secretary: the e-mail, its link, her password.
        var mail = await app.Smtp.WaitForMessageAsync(SecretaryEmail, TimeSpan.FromSeconds(60));
        // Development's Portal:BaseUrl is http://localhost:5080: the test server listens elsewhere, so the link's path is followed.
        var link = new Uri(SmtpTestServer.FirstLink(mail)).PathAndQuery;
        Assert.StartsWith("/Account/Invitation?token=", link);
        await using var secretaryContext = await NewContextAsync();
        var secretary = await secretaryContext.NewPageAsync();
        await secretary.GotoAsync(link);
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Invitation au portail Somme Numérique");
        await AxeCheck.AssertNoSeriousViolationsAsync(secretary, "invitation", output);
        await secretary.GetByLabel("Votre nom").FillAsync("Secrétaire de mairie de Corbie");
        await secretary.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(SecretaryPassword);
        await secretary.GetByLabel("Confirmez le mot de passe").FillAsync(SecretaryPassword);
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Accepter l'invitation" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Link, new() { Name = "Se connecter" })).ToBeVisibleAsync();

        // The link is single-use.
        await secretary.GotoAsync(link);
        await Expect(secretary.GetByText("déjà été utilisé")).ToBeVisibleAsync();

        // She signs in, sees her commune, invites a colleague.
        await PortalSteps.SignInAsync(secretary, SecretaryEmail, SecretaryPassword, output);
        await Expect(secretary.GetByText("Corbie").First).ToBeVisibleAsync();
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Membres" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Cell, new() { Name = SecretaryEmail })).ToBeVisibleAsync();
        await secretary.GetByLabel("Adresse e-mail").FillAsync(ColleagueEmail);
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Envoyer l'invitation" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Cell, new() { Name = ColleagueEmail })).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(secretary, "tenant-members", output);
        var colleagueMail = await app.Smtp.WaitForMessageAsync(ColleagueEmail, TimeSpan.FromSeconds(60));
        Assert.Contains("/Account/Invitation?token=", SmtpTestServer.FirstLink(colleagueMail));

        // Staff: Amiens Métropole's 2019 population on its record.
        await OpenTenantRecordAsync(staff, "CA Amiens Métropole");
        await staff.GetByLabel("Année de référence").FillAsync("2019");
        await staff.GetByLabel("Population", new() { Exact = true }).FillAsync("182600");
        await staff.GetByLabel("Source").FillAsync("Rapport d'activité 2019, tableau des cotisations");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la population" }).ClickAsync();
        await Expect(staff.Locator("section[aria-labelledby=populations] tbody tr", new() { HasText = "Rapport d'activité 2019, tableau des cotisations" }))
            .ToContainTextAsync("2019");
        await AxeCheck.AssertNoSeriousViolationsAsync(staff, "staff-tenant-record", output);

        // The 16 members' contribution subscriptions (through the API), then the 2019 run from the billing page.
        await SubscribeTheMembersToTheContributionAsync();
        await staff.GotoAsync("/Staff/Billing");
        await staff.GetByLabel("Période").FillAsync("2019");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Lancer une facturation" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Facturation 2019");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!ContributionTotal().IsMatch(await staff.InnerTextAsync("main")))
        {
            Assert.True(DateTime.UtcNow < deadline, "the 2019 run page never showed 16 invoices and 687 273,00 € HT:\n" + await staff.InnerTextAsync("main"));
            await Task.Delay(1000);
            await staff.ReloadAsync();
        }
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Factory.BaseUrl, Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    private static async Task OpenTenantRecordAsync(IPage staff, string name)
    {
        await staff.GotoAsync($"/Staff/Tenants?search={Uri.EscapeDataString(name)}");
        await staff.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
    }

    private async Task SubscribeTheMembersToTheContributionAsync()
    {
        using var api = new HttpClient { BaseAddress = new Uri(app.Factory.BaseUrl) };
        var login = await api.PostAsJsonAsync("/api/v1/auth/login",
            new { email = DemoAccounts.StaffEmail, password = E2EAppFactory.DemoPassword, twoFactorCode = DemoAuthenticator.Code() });
        login.EnsureSuccessStatusCode();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var members = (await api.GetFromJsonAsync<JsonElement>("/api/v1/tenants?memberOn=2019-06-01&pageSize=200")).GetProperty("items");
        Assert.Equal(16, members.GetArrayLength());
        foreach (var member in members.EnumerateArray())
        {
            var created = await api.PostAsJsonAsync("/api/v1/subscriptions",
                new { offerCode = "COTISATION", quantity = 1, startDate = "2019-01-01", tenantId = member.GetProperty("id").GetString() });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }
    }

    /// <summary>"16 facture(s) : 687 273,00 € HT" (French digit grouping with a space or a narrow no-break space).</summary>
    [GeneratedRegex(@"16 facture\(s\) : 687\s273,00\s€ HT")]
    private static partial Regex ContributionTotal();
}
