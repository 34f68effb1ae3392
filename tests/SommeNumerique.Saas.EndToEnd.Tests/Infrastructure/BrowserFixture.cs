using Microsoft.Playwright;

namespace SommeNumerique.Saas.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A headless Chromium driven by Playwright. The system Chromium is used (Playwright's own browser download is
/// not available here): /usr/bin/chromium, or the path in the CHROMIUM_PATH environment variable.
/// Missing Chromium fails the tests (it does not skip them).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        // Without these, Chromium's background connections are refused by the closed network and slow everything down.
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : DefaultChromiumPath;

    public async Task InitializeAsync()
    {
        var executable = ChromiumPath;
        if (!File.Exists(executable))
            throw new InvalidOperationException(
                $"Chromium not found at {executable}: the end-to-end tests need it. Install it (Debian/Ubuntu: apt-get install chromium) " +
                "or set CHROMIUM_PATH to the browser executable. Do not run 'playwright install'.");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
