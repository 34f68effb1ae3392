using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Billing;

/// <summary>
/// Billing runs and real process kills (issue 11, item 2): the app runs as a child process on a SQLite file, is
/// killed with <see cref="System.Diagnostics.Process.Kill(bool)"/> mid-issue and mid-preview, and started again on
/// the same database. No run may block its period for good: a resume that finds billing changed since the preview
/// ends the run with the invoices committed so far and frees the period; a killed preview leaves no open run.
/// </summary>
public sealed partial class BillingRunKillTests
{
    private static readonly string[] Communes = ["80013", "80014", "80015", "80016"];

    [Fact]
    public async Task A_run_killed_mid_issue_then_changed_ends_with_what_was_issued_and_frees_its_period_and_a_killed_preview_blocks_nothing()
    {
        var data = Directory.CreateTempSubdirectory("sn-kill-tests-").FullName;
        string runId, zombieId, changedTenant;
        List<string> issuedFirst;
        Dictionary<string, decimal> previewTtc;

        // 1. Batches of one tenant; the worker stops for good after its second batch, and the process is killed there.
        await using (var first = await AppProcess.StartAsync(data, new Dictionary<string, string>
                     { ["Billing__BatchSize"] = "1", ["Billing__TestPauseAt"] = "Batch:2" }))
        {
            var staff = await first.StaffAsync();
            foreach (var code in Communes)
            {
                var tenant = await TenantAsync(staff, code);
                // Per-inhabitant tariff: the 2025 legal population is recorded first (no other year stands in for it).
                var recorded = await staff.PutAsJsonAsync($"/api/v1/tenants/{tenant}/populations/2025", new { population = 1000, source = "Test : population 2025" });
                Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
                await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, new DateOnly(2025, 3, 1), tenant));
            }
            var preview = await staff.StartRunAsync("2025");
            Assert.Equal(Communes.Length, preview.Int("invoiceCount"));
            runId = preview.Str("id")!;
            previewTtc = Rows(preview).ToDictionary(r => r.Str("tenantId")!, r => r.Dec("totalTtc"));
            await (await staff.PostJsonAsync($"/api/v1/billing-runs/{runId}/issue", new { })).ReadJsonAsync(HttpStatusCode.Accepted);
            await first.WaitForOutputAsync("Billing test pause: after batch 2");
            var paused = await staff.GetJsonAsync($"/api/v1/billing-runs/{runId}");
            Assert.Equal("Issuing", paused.Str("status"));
            Assert.Equal(2, paused.Int("tenantsDone"));
            issuedFirst = Rows(paused).Where(r => r.GetProperty("done").GetBoolean()).Select(r => r.Str("tenantId")!).Order().ToList();

            // A subscription of a tenant not issued yet changes: its bill is no longer the previewed one.
            changedTenant = Rows(paused).First(r => !r.GetProperty("done").GetBoolean()).Str("tenantId")!;
            await staff.SubscribeAsync(Request("PACK-CYBER", 1, new DateOnly(2025, 1, 1), changedTenant));

            // A preview of the next period: turned below into the zombie a killed preview used to leave.
            zombieId = (await staff.StartRunAsync("2026")).Str("id")!;
            first.Kill();
        }

        // The run of 2026 as a preview killed between claiming its period and writing its rows left it.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "somme-numerique.db")};Pooling=False"))
        {
            await db.OpenAsync();
            var sql = db.CreateCommand();
            sql.CommandText = """
                DELETE FROM "BillingRunTenants" WHERE upper("RunId") = $id;
                UPDATE "BillingRuns" SET "TenantCount" = 0, "InvoiceCount" = 0, "PreviewTotalHt" = 0, "PreviewTotalTtc" = 0 WHERE upper("Id") = $id;
                """;
            sql.Parameters.AddWithValue("$id", zombieId.ToUpperInvariant());
            await sql.ExecuteNonQueryAsync();
            sql.CommandText = """SELECT COUNT(*) FROM "BillingRuns" WHERE upper("Id") = $id AND "TenantCount" = 0 AND "Status" = 'Previewed'""";
            Assert.Equal(1L, await sql.ExecuteScalarAsync());
        }

        // 2. Restarted: the interrupted run is resumed at start-up, finds the change, and ends; the zombie is cleaned up.
        await using (var second = await AppProcess.StartAsync(data, new Dictionary<string, string> { ["Billing__TestPauseAt"] = "Preview" }))
        {
            var staff = await second.StaffAsync();
            var ended = await staff.WaitUntilIssuedAsync(runId);
            Assert.Equal(2, ended.Int("tenantsDone"));
            Assert.Equal(2, ended.Int("invoicesIssued"));
            Assert.Contains("changé depuis l'aperçu", ended.Str("endReason"));
            Assert.Contains("2 collectivité(s) non émise(s)", ended.Str("statusLabel"));
            var rows = Rows(ended);
            Assert.Equal(issuedFirst, rows.Where(r => r.Str("status") == "Issued").Select(r => r.Str("tenantId")!).Order().ToList());
            var notIssued = rows.Where(r => r.Str("status") == "ChangedSincePreview").ToList();
            Assert.Equal(2, notIssued.Count);
            Assert.All(notIssued, r => Assert.Equal("Non émise : changée depuis l'aperçu", r.Str("statusLabel")));
            Assert.All(notIssued, r => Assert.True(r.IsNull("invoiceId")));
            var again = await staff.PostJsonAsync($"/api/v1/billing-runs/{runId}/issue", new { });
            Assert.Contains("déjà émise", (await again.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"));

            var zombie = await staff.GetJsonAsync($"/api/v1/billing-runs/{zombieId}");
            Assert.Equal("Abandoned", zombie.Str("status"));
            Assert.Contains("redémarrage", zombie.Str("endReason"));

            // A preview of 2027 killed while it computes.
            var killed = staff.PostJsonAsync("/api/v1/billing-runs", new { period = "2027" });
            await second.WaitForOutputAsync("Billing test pause: preview");
            second.Kill();
            await Assert.ThrowsAnyAsync<Exception>(() => killed);
        }

        // 3. Restarted again: every period is free, and the next run of 2025 bills what was not issued, once.
        await using var third = await AppProcess.StartAsync(data);
        {
            var staff = await third.StaffAsync();
            var runs = (await staff.GetJsonAsync("/api/v1/billing-runs")).EnumerateArray().ToList();
            Assert.DoesNotContain(runs, r => r.Str("period") == "2027");

            var rest = await staff.StartRunAsync("2025");
            var restRows = Rows(rest);
            Assert.Equal(Communes.Length - issuedFirst.Count, restRows.Count);
            Assert.DoesNotContain(restRows, r => issuedFirst.Contains(r.Str("tenantId")!));
            foreach (var row in restRows.Where(r => r.Str("tenantId") != changedTenant))
                Assert.Equal(previewTtc[row.Str("tenantId")!], row.Dec("totalTtc"));
            // The changed tenant: its dematerialisation as previewed, plus the pack subscribed since.
            Assert.True(restRows.Single(r => r.Str("tenantId") == changedTenant).Dec("totalTtc") > previewTtc[changedTenant]);
            var issued = await staff.IssueAsync(rest.Str("id")!);
            Assert.Equal(2, issued.Int("invoicesIssued"));
            var invoices = (await staff.GetJsonAsync("/api/v1/invoices?period=2025&pageSize=100")).GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(Communes.Length, invoices.Count);
            Assert.Equal(Communes.Length, invoices.Select(i => i.Str("buyerName")).Distinct().Count());

            Assert.Equal("Previewed", (await staff.StartRunAsync("2026")).Str("status"));
            Assert.Equal("Previewed", (await staff.StartRunAsync("2027")).Str("status"));

            // The staff page of the ended run says which tenants were not issued, in French.
            var page = WebUtility.HtmlDecode(await (await SignedInBrowserAsync(third)).GetStringAsync($"/Staff/Billing/Run?id={runId}"));
            Assert.Contains("Non émise : changée depuis l'aperçu", page);
            Assert.Contains("2 collectivité(s) non émise(s)", page);
        }
    }

    private static List<JsonElement> Rows(JsonElement run) => run.GetProperty("tenants").EnumerateArray().ToList();

    private static async Task<string> TenantAsync(HttpClient staff, string insee)
    {
        var page = await staff.GetJsonAsync($"/api/v1/tenants?search={insee}");
        return page.GetProperty("items").EnumerateArray().Single(t => t.Str("inseeCode") == insee).Str("id")!;
    }

    /// <summary>A cookie client signed in to the portal as the staff agent (the sign-in form, with its antiforgery token).</summary>
    private static async Task<HttpClient> SignedInBrowserAsync(AppProcess app)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
            { BaseAddress = app.Address };
        var form = await browser.GetStringAsync("/Account/Login");
        var signedIn = await browser.CompleteTwoFactorAsync(await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = SommeNumerique.Saas.Infrastructure.Identity.DemoAccounts.StaffEmail,
            ["Input.Password"] = SaasAppFactory.DemoPassword,
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
        })));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
