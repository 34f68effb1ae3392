using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SommeNumerique.Saas.EndToEnd.Tests.Infrastructure;

/// <summary>What a user does in the French portal, step by step, as in a browser.</summary>
public static partial class PortalSteps
{
    /// <summary>
    /// Signs in through the login form (labels "Adresse e-mail", "Mot de passe", button "Se connecter"), then, for the
    /// demo Staff and Treasury accounts (two-step sign-in), the second step ("Code de vérification", button "Valider")
    /// with the demo authenticator's current code, and waits until the browser has left the sign-in pages. On failure,
    /// saves a screenshot and says where.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string? password = null, ITestOutputHelper? output = null)
    {
        try
        {
            await page.GotoAsync("/Account/Login");
            await page.GetByLabel("Adresse e-mail").FillAsync(email);
            await page.GetByLabel("Mot de passe").FillAsync(password ?? E2EAppFactory.DemoPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(LoginUrl());
            if (SecondStepUrl().IsMatch(page.Url))
            {
                await page.GetByLabel("Code de vérification").FillAsync(SommeNumerique.Saas.TestSupport.DemoAuthenticator.Code());
                await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
                await Expect(page).Not.ToHaveURLAsync(SecondStepUrl());
            }
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            var screenshot = await Artifacts.ScreenshotAsync(page, $"sign-in-failed-{email}", output);
            throw new InvalidOperationException($"Sign-in as {email} failed (page: {page.Url}, screenshot: {screenshot}).", e);
        }
    }

    [GeneratedRegex("/Account/Login(\\?|$)", RegexOptions.IgnoreCase)]
    private static partial Regex LoginUrl();

    [GeneratedRegex("/Account/LoginWith2fa", RegexOptions.IgnoreCase)]
    private static partial Regex SecondStepUrl();
}

/// <summary>Screenshots under the test output folder (bin/.../e2e-artifacts).</summary>
public static class Artifacts
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "e2e-artifacts");

    public static async Task<string> ScreenshotAsync(IPage page, string name, ITestOutputHelper? output = null)
    {
        var file = Path.Combine(Directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Sanitize(name)}.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output?.WriteLine($"Screenshot: {file}");
            return file;
        }
        catch (PlaywrightException e)
        {
            output?.WriteLine($"Screenshot {file} failed: {e.Message}");
            return $"(none: {e.Message})";
        }
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
