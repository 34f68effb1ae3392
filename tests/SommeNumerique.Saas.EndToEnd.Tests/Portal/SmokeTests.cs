using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SommeNumerique.Saas.EndToEnd.Tests.Infrastructure;
using SommeNumerique.Saas.Infrastructure.Identity;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SommeNumerique.Saas.EndToEnd.Tests.Portal;

/// <summary>The portal in a real Chromium: sign-in and the secretary's commune switcher.</summary>
public sealed partial class SmokeTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task The_secretary_signs_in_and_switches_to_Vitz_sur_Authie_with_the_keyboard()
    {
        await SignInAsync(DemoAccounts.SecretaryEmail);

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bonjour");
        var switcher = Page.GetByLabel("Collectivité");
        var communes = await switcher.Locator("option").AllTextContentsAsync();
        Assert.Equal(["Aumâtre", "Ercourt", "Vitz-sur-Authie"], communes.Select(c => c.Trim()).Order().ToArray());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 2 })).Not.ToHaveTextAsync("Vitz-sur-Authie");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "e2e-home.png"), FullPage = true });

        await switcher.FocusAsync();
        await Page.Keyboard.TypeAsync("Vitz"); // type-ahead on the focused <select>
        await Expect(switcher.Locator("option:checked")).ToHaveTextAsync("Vitz-sur-Authie");
        await Page.Keyboard.PressAsync("Tab");
        var change = Page.GetByRole(AriaRole.Button, new() { Name = "Changer" });
        await Expect(change).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Vitz-sur-Authie");
        await Expect(Page.GetByText("Tarif non-membre", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(switcher.Locator("option:checked")).ToHaveTextAsync("Vitz-sur-Authie");
    }

    [Fact]
    public async Task A_wrong_password_is_explained_on_the_login_page()
    {
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(LoginUrl());
        await Page.GetByLabel("Adresse e-mail").FillAsync(DemoAccounts.AbbevilleAdminEmail);
        await Page.GetByLabel("Mot de passe").FillAsync("mauvais-mot-de-passe");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Adresse e-mail ou mot de passe incorrect.");
        await Expect(Page).ToHaveURLAsync(LoginUrl());
    }

    [GeneratedRegex("/Account/Login")]
    private static partial Regex LoginUrl();
}
