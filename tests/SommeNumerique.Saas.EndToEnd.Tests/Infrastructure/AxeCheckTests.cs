using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SommeNumerique.Saas.EndToEnd.Tests.Infrastructure;

/// <summary>The accessibility check itself, on static pages (no app): it must fail on what it is meant to catch.</summary>
public sealed class AxeCheckTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Serious_and_critical_violations_fail_with_rule_help_and_target()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(
            """
            <!DOCTYPE html><html lang="fr"><head><title>Mauvaise page</title></head><body><main>
            <h1>Formulaire</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="logo">
            <input type="text" id="unlabelled">
            <p style="color:#bbb;background:#fff">Texte trop pâle</p>
            </main></body></html>
            """);

        var failure = await Assert.ThrowsAsync<FailException>(() => AxeCheck.AssertNoSeriousViolationsAsync(page, "axe-self-test", output));

        output.WriteLine(failure.Message);
        Assert.Contains("image-alt", failure.Message);
        Assert.Contains("#logo", failure.Message);
        Assert.Contains("label", failure.Message);
        Assert.Contains("#unlabelled", failure.Message);
        Assert.Contains("color-contrast", failure.Message);
        Assert.Contains("Images must have alternative text", failure.Message);
        Assert.True(File.Exists(Path.Combine(Artifacts.Directory, "axe-axe-self-test.json")));
    }

    [Fact]
    public async Task A_clean_page_passes()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(
            """
            <!DOCTYPE html><html lang="fr"><head><title>Bonne page</title></head><body><main>
            <h1>Formulaire</h1>
            <label for="name">Nom</label> <input type="text" id="name">
            </main></body></html>
            """);

        await AxeCheck.AssertNoSeriousViolationsAsync(page, "axe-self-test-clean", output);
    }
}
