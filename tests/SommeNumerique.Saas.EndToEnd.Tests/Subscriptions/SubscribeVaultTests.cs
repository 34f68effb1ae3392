using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SommeNumerique.Saas.EndToEnd.Tests.Infrastructure;
using SommeNumerique.Saas.Infrastructure.Identity;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SommeNumerique.Saas.EndToEnd.Tests.Subscriptions;

/// <summary>
/// The issue's "done when", in a real Chromium: the secretary subscribes Ercourt (commune of a member EPCI) to the
/// password vault (quote, confirmation, "Mes abonnements") and cannot terminate it before the end of the 36-month
/// commitment; each page passes the axe-core check (WCAG 2 A/AA, no serious or critical violation).
/// Own <see cref="AppFixture"/>: the database starts from the seeded catalogue, without any subscription.
/// Each test works on its own commune (Ercourt, Aumâtre, Vitz-sur-Authie), so the order of the tests does not matter
/// (the first-year gratuity depends on the commune's earlier subscriptions).
/// </summary>
public sealed class SubscribeVaultTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    private const string VaultOffer = "Coffre-fort de mots de passe (par agent)";
    private const string FtthInitialOffer = "Offre initiale — GFU FTTH accès simple, jusqu'à 1 Gbps asymétrique non garanti";
    private const string FtthExclusiveOffer = "Offre exclusive 100 Mb (fibre dédiée, 100 Mb/s symétrique minimum)";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    [Fact]
    public async Task The_secretary_subscribes_Ercourt_to_the_vault_and_cannot_terminate_it_before_the_commitment_end()
    {
        var start = Today;
        var commitmentEnd = start.AddMonths(36).AddDays(-1);
        var gratuityEnd = new DateOnly(start.Year, start.Month, 1).AddMonths(12).AddDays(-1);

        // Login page, then sign-in.
        await Page.GotoAsync("/Account/Login");
        await AxeAsync("login");
        await SignInAsync(DemoAccounts.SecretaryEmail);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bonjour");

        // Ercourt with the switcher.
        await SwitchToAsync("Ercourt");
        await AxeAsync("home");

        // Catalogue, at Ercourt's (member) prices.
        await OpenFromNavigationAsync("Catalogue des services");
        await Expect(Page.GetByText("Prix pour")).ToContainTextAsync("Ercourt");
        await Expect(Page.GetByText("Prix pour")).ToContainTextAsync("Tarif membre");
        var vault = Page.GetByRole(AriaRole.Article, new() { Name = VaultOffer });
        await Expect(vault).ToContainTextAsync("35,00 € HT par an");
        await Expect(vault).ToContainTextAsync("36 mois");
        await Expect(vault).ToContainTextAsync("Gratuit la première année");
        await AxeAsync("catalogue");

        // Quote.
        await vault.GetByRole(AriaRole.Link, new() { Name = "Souscrire" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Souscrire : {VaultOffer}");
        await Page.GetByLabel("Quantité").FillAsync("10");
        await Page.GetByLabel("Date de début").FillAsync(Iso(start));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Voir le devis" }).ClickAsync();

        var quote = Page.GetByRole(AriaRole.Region, new() { Name = "Devis pour Ercourt" });
        await Expect(quote).ToBeVisibleAsync();
        Output.WriteLine("Focus after « Voir le devis »: " + await Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 80) ?? '(none)'"));
        await Expect(Fact(quote, "Tarif appliqué")).ToContainTextAsync("Tarif membre");
        await Expect(Fact(quote, "Prix annuel")).ToContainTextAsync("350,00 € HT");
        await Expect(Fact(quote, "Prix annuel")).ToContainTextAsync("420,00 € TTC");
        await Expect(Fact(quote, "Prix annuel")).ToContainTextAsync("10 × 35,00 € HT");
        await Expect(Fact(quote, "Première année")).ToHaveTextAsync($"Gratuit la première année : rien à payer jusqu'au {Fr(gratuityEnd)}.");
        await Expect(Fact(quote, "Engagement")).ToContainTextAsync("36 mois");
        await Expect(Fact(quote, "Engagement")).ToContainTextAsync($"jusqu'au {Fr(commitmentEnd)}");

        var invoice = quote.GetByRole(AriaRole.Table, new() { Name = "Lignes de la première facture" });
        await Expect(invoice).ToBeVisibleAsync();
        await Expect(quote.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("Votre première facture");
        var billedMonths = 13 - start.Month; // calendar-year billing: the months left in this year, the start month included
        await Expect(invoice.GetByRole(AriaRole.Row).Filter(new() { HasText = "— 10 × coffre (agent), tarif membre" })).ToHaveCountAsync(1);
        await Expect(invoice.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Gratuité première année ({billedMonths} mois, jusqu'au {Fr(gratuityEnd)})" })).ToHaveCountAsync(1);
        await Expect(invoice.GetByRole(AriaRole.Row).Filter(new() { HasText = "Total TTC" })).ToContainTextAsync("0,00 €");
        Output.WriteLine("First invoice: " + Regex.Replace(await invoice.InnerTextAsync(), @"\s+", " "));
        await Page.ScreenshotAsync(new() { Path = "/tmp/e2e-quote.png", FullPage = true });
        await AxeAsync("quote");

        // Confirmation.
        await quote.GetByRole(AriaRole.Button, new() { Name = "Confirmer la souscription" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Votre souscription est enregistrée.");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(VaultOffer);

        // "Mes abonnements".
        await OpenFromNavigationAsync("Mes abonnements");
        var row = SubscriptionRow(VaultOffer);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("10");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync(Fr(start));
        await Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync(Fr(commitmentEnd));
        await Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync($"jusqu'au {Fr(gratuityEnd)}");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("En cours");
        await Page.ScreenshotAsync(new() { Path = "/tmp/e2e-subscriptions.png", FullPage = true });
        await AxeAsync("subscriptions");

        // Termination before the commitment end: refused, in French, with the earliest date.
        await row.GetByRole(AriaRole.Link, new() { Name = VaultOffer }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(VaultOffer);
        var lastDay = Page.GetByLabel("Dernier jour de service");
        await Expect(lastDay).ToHaveValueAsync(Iso(commitmentEnd)); // proposed: the earliest allowed day
        await lastDay.FillAsync(Iso(start.AddDays(1)));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Demander la résiliation" }).ClickAsync();

        var refusal = $"Résiliation impossible avant le {Fr(commitmentEnd)}";
        var lastDayField = Page.GetByLabel("Dernier jour de service");
        await Expect(lastDayField).ToBeFocusedAsync(); // the refused field gets the focus, its message is its description
        await Expect(lastDayField.Locator("xpath=..")).ToContainTextAsync(refusal);
        await Expect(lastDayField).ToHaveValueAsync(Iso(start.AddDays(1)));
        await Expect(lastDayField).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(lastDayField).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(refusal)));
        await Expect(Fact(Page.Locator("main"), "État")).ToHaveTextAsync("En cours");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Demander la résiliation" })).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(Page, "termination-refused", Output);
        await AxeAsync("subscription-details-error");

        await OpenFromNavigationAsync("Mes abonnements");
        await Expect(SubscriptionRow(VaultOffer).GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("En cours");
    }

    [Fact]
    public async Task The_quote_form_works_with_the_keyboard_only()
    {
        await SignInAsync(DemoAccounts.SecretaryEmail);
        await SwitchToAsync("Aumâtre");
        await Page.GotoAsync("/Subscriptions/New?offer=COFFRE-FORT");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Souscrire : {VaultOffer}");

        // From the back link, Tab reaches the quantity, the date (day, month, year segments), then "Voir le devis".
        await Page.GetByRole(AriaRole.Link, new() { Name = "← Catalogue des services" }).FocusAsync();
        var quantity = Page.GetByLabel("Quantité");
        await TabUntilFocusedAsync(quantity, "Quantité");
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.TypeAsync("4");
        await TabUntilFocusedAsync(Page.GetByLabel("Date de début"), "Date de début");
        await TabUntilFocusedAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Voir le devis" }), "Voir le devis");

        // Enter in the quantity field submits the form with its first button ("Voir le devis").
        await quantity.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        var quote = Page.GetByRole(AriaRole.Region, new() { Name = "Devis pour Aumâtre" });
        await Expect(quote).ToBeVisibleAsync();
        await Expect(Fact(quote, "Prix annuel")).ToContainTextAsync("140,00 € HT");
        await Expect(Page.GetByLabel("Quantité")).ToHaveValueAsync("4");

        // Then on to "Confirmer la souscription", confirmed with Enter.
        await TabUntilFocusedAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Voir le devis" }), "Voir le devis", from: Page.GetByLabel("Quantité"));
        var confirm = Page.GetByRole(AriaRole.Button, new() { Name = "Confirmer la souscription" });
        await TabUntilFocusedAsync(confirm, "Confirmer la souscription", maxTabs: 10);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Votre souscription est enregistrée.");
    }

    [Fact]
    public async Task Vitz_sur_Authie_sees_non_member_prices_and_no_Souscrire_on_the_fibre()
    {
        await SignInAsync(DemoAccounts.SecretaryEmail);
        await SwitchToAsync("Vitz-sur-Authie");
        await OpenFromNavigationAsync("Catalogue des services");
        await Expect(Page.GetByText("Prix pour")).ToContainTextAsync("Vitz-sur-Authie");
        await Expect(Page.GetByText("Prix pour")).ToContainTextAsync("Tarif non-membre");
        await Expect(Page.GetByRole(AriaRole.Article, new() { Name = VaultOffer })).ToContainTextAsync("40,00 € HT par an");
        await Expect(Page.GetByRole(AriaRole.Article, new() { Name = VaultOffer })).ToContainTextAsync("48,00 € TTC");

        // The fibre (members and communes of member EPCIs only): no "Souscrire", the reason instead.
        foreach (var ftth in new[] { FtthInitialOffer, FtthExclusiveOffer })
        {
            var offer = Page.GetByRole(AriaRole.Article, new() { Name = ftth });
            await Expect(offer).ToBeVisibleAsync();
            await Expect(offer.GetByRole(AriaRole.Link, new() { Name = "Souscrire" })).ToHaveCountAsync(0);
            await Expect(offer.GetByText("Non accessible :")).ToBeVisibleAsync();
            Output.WriteLine($"{ftth}: " + await offer.Locator(".not-eligible-reason").InnerTextAsync());
        }
        await AxeAsync("catalogue-non-member");
    }

    [Fact]
    public async Task Vitz_sur_Authie_gets_the_non_member_quote()
    {
        await SignInAsync(DemoAccounts.SecretaryEmail);
        await SwitchToAsync("Vitz-sur-Authie");
        await OpenFromNavigationAsync("Catalogue des services");
        await Page.GetByRole(AriaRole.Article, new() { Name = VaultOffer }).GetByRole(AriaRole.Link, new() { Name = "Souscrire" }).ClickAsync();
        await Page.GetByLabel("Quantité").FillAsync("10");
        await Page.GetByLabel("Date de début").FillAsync(Iso(Today));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Voir le devis" }).ClickAsync();

        var quote = Page.GetByRole(AriaRole.Region, new() { Name = "Devis pour Vitz-sur-Authie" });
        await Expect(quote).ToBeVisibleAsync();
        await Expect(Fact(quote, "Tarif appliqué")).ToContainTextAsync("Tarif non-membre");
        await Expect(Fact(quote, "Prix annuel")).ToContainTextAsync("400,00 € HT");
        await Expect(Fact(quote, "Prix annuel")).ToContainTextAsync("480,00 € TTC");
        await Expect(Fact(quote, "Prix annuel")).ToContainTextAsync("10 × 40,00 € HT");
        await Expect(quote.GetByRole(AriaRole.Button, new() { Name = "Confirmer la souscription" })).ToBeVisibleAsync();
        await AxeAsync("quote-non-member");
    }

    private Task AxeAsync(string pageName) => AxeCheck.AssertNoSeriousViolationsAsync(Page, pageName, Output);

    private async Task SwitchToAsync(string commune)
    {
        await Page.GetByLabel("Collectivité").SelectOptionAsync(new SelectOptionValue { Label = commune });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Changer" }).ClickAsync();
        await Expect(Page.GetByLabel("Collectivité").Locator("option:checked")).ToHaveTextAsync(commune);
    }

    private async Task OpenFromNavigationAsync(string link)
    {
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })
            .GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(link);
    }

    private ILocator SubscriptionRow(string offer) =>
        Page.GetByRole(AriaRole.Table, new() { Name = "Abonnements de la collectivité" })
            .GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Cell).Filter(new() { HasText = offer }) });

    /// <summary>The &lt;dd&gt; after the &lt;dt&gt; <paramref name="term"/> in a list of facts.</summary>
    private static ILocator Fact(ILocator scope, string term) =>
        scope.Locator($"dt:text-is(\"{term}\") + dd");

    private async Task TabUntilFocusedAsync(ILocator target, string what, ILocator? from = null, int maxTabs = 6)
    {
        if (from is not null) await from.FocusAsync();
        for (var i = 0; i < maxTabs; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }
        var focused = await Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 200) ?? '(none)'");
        Assert.Fail($"« {what} » was not reached with Tab (focus is on {focused}).");
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Fr(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
