using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SommeNumerique.Saas.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Base class of the browser tests: one app and one Chromium per test class, a fresh browser context
/// (cookies, storage) and page per test, with the app's address as base URL (so <c>Page.GotoAsync("/")</c> works).
/// </summary>
public abstract class BrowserTest(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<AppFixture>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    protected AppFixture App { get; } = app;
    protected ITestOutputHelper Output { get; } = output;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        Context.SetDefaultTimeout(10_000);
        Page = await Context.NewPageAsync();
    }

    public virtual async Task DisposeAsync() => await Context.CloseAsync();

    /// <summary>Signs <see cref="Page"/> in as <paramref name="email"/> (demo password by default) through the login form.</summary>
    protected Task SignInAsync(string email, string? password = null) => PortalSteps.SignInAsync(Page, email, password, Output);

    protected Task<string> ScreenshotAsync(string name) => Artifacts.ScreenshotAsync(Page, name, Output);
}
