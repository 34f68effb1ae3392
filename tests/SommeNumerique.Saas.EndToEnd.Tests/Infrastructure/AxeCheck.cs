using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SommeNumerique.Saas.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Automated accessibility check of the page as displayed, with axe-core (npm package pinned in package.json, copied
/// by the build to the output folder as axe/axe.min.js): WCAG 2.0, 2.1 and 2.2 rules of levels A and AA.
/// Fails on every violation of impact "serious" or "critical"; the others are only written to the test output.
/// The full axe result is saved under <see cref="Artifacts.Directory"/> (axe-{page}.json).
/// An automated check finds about a third of the problems: it does not replace keyboard and screen-reader checks.
/// </summary>
public static class AxeCheck
{
    /// <summary>The axe tags run: WCAG 2.x, levels A and AA.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    public static string ScriptPath { get; } = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    private static readonly Lazy<string> Script = new(() => File.Exists(ScriptPath)
        ? File.ReadAllText(ScriptPath)
        : throw new InvalidOperationException(
            $"axe-core not found at {ScriptPath}. The build installs it (npm ci in tests/SommeNumerique.Saas.EndToEnd.Tests, " +
            "node and npm needed) and copies it there: rebuild the test project."));

    private static readonly string[] FailingImpacts = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string pageName, ITestOutputHelper? output = null)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            // Evaluated through the DevTools protocol, not as an inline <script> tag: the portal's Content-Security-Policy
            // (script-src 'self') rightly refuses inline scripts, and the test must not loosen it.
            await page.EvaluateAsync(Script.Value);

        var json = await page.EvaluateAsync<string>(
            """
            async tags => {
                const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return JSON.stringify(result);
            }
            """, Tags);

        var file = Path.Combine(Artifacts.Directory, $"axe-{Sanitize(pageName)}.json");
        Directory.CreateDirectory(Artifacts.Directory);
        await File.WriteAllTextAsync(file, json);

        using var result = JsonDocument.Parse(json);
        var violations = result.RootElement.GetProperty("violations").EnumerateArray().ToList();
        var serious = new StringBuilder();
        var others = new StringBuilder();
        foreach (var v in violations)
        {
            var impact = v.TryGetProperty("impact", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : "?";
            var target = FailingImpacts.Contains(impact) ? serious : others;
            target.AppendLine($"- [{impact}] {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} ({v.GetProperty("helpUrl").GetString()})");
            foreach (var node in v.GetProperty("nodes").EnumerateArray())
            {
                var selectors = string.Join(" ", node.GetProperty("target").EnumerateArray().Select(t => t.ToString()));
                var html = node.TryGetProperty("html", out var h) ? h.GetString() : null;
                target.AppendLine($"    at {selectors}{(html is null ? "" : "  —  " + Shorten(html))}");
                if (node.TryGetProperty("failureSummary", out var summary) && summary.GetString() is { Length: > 0 } s)
                    target.AppendLine("      " + s.Replace("\n", "\n      "));
            }
        }

        output?.WriteLine($"axe ({pageName}, {page.Url}): {violations.Count} violation(s), full result in {file}");
        if (others.Length > 0) output?.WriteLine($"Moderate or minor, not failing:{Environment.NewLine}{others}");
        if (serious.Length > 0)
            Assert.Fail($"Accessibility (axe-core, WCAG 2 A/AA): serious or critical violations on « {pageName} » ({page.Url}):"
                        + $"{Environment.NewLine}{serious}Full result: {file}");
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..157] + "...";
}
