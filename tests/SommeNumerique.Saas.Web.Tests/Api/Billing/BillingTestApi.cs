using System.Net;
using System.Text.Json;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Billing;

/// <summary>Helpers of the billing API tests: runs, waiting for an issue to finish, a tenant's invoices.</summary>
internal static class BillingTestApi
{
    public static decimal Dec(this JsonElement element, string property) => element.GetProperty(property).GetDecimal();

    public static async Task<JsonElement> StartRunAsync(this HttpClient staff, string period, bool dryRun = true) =>
        await (await staff.PostJsonAsync("/api/v1/billing-runs", new { period, dryRun })).ReadJsonAsync(HttpStatusCode.Created);

    /// <summary>Issues a previewed run and waits until the background worker has issued it.</summary>
    public static async Task<JsonElement> IssueAsync(this HttpClient staff, string runId)
    {
        await (await staff.PostJsonAsync($"/api/v1/billing-runs/{runId}/issue", new { })).ReadJsonAsync(HttpStatusCode.Accepted);
        return await staff.WaitUntilIssuedAsync(runId);
    }

    public static async Task<JsonElement> WaitUntilIssuedAsync(this HttpClient staff, string runId, string expected = "Issued")
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await staff.GetJsonAsync($"/api/v1/billing-runs/{runId}?pageSize=500");
            if (run.Str("status") == expected) return run;
            Assert.True(DateTime.UtcNow < deadline, $"run {runId} still {run.Str("status")}: {run.GetRawText()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The preview row of one tenant in a run, or null when the run does not bill it.</summary>
    public static JsonElement? RowOf(this JsonElement run, string tenantId) =>
        run.GetProperty("tenants").EnumerateArray().Cast<JsonElement?>().SingleOrDefault(t => t!.Value.Str("tenantId") == tenantId);

    /// <summary>A tenant's invoices of a period, with their lines (newest first).</summary>
    public static async Task<IReadOnlyList<JsonElement>> InvoicesAsync(this HttpClient staff, string tenantId, string period)
    {
        var page = await staff.GetJsonAsync($"/api/v1/invoices?tenantId={tenantId}&period={period}&kind=Invoice&pageSize=200");
        var result = new List<JsonElement>();
        foreach (var summary in page.GetProperty("items").EnumerateArray())
            result.Add((await staff.GetJsonAsync($"/api/v1/invoices/{summary.Str("id")}")).GetProperty("invoice"));
        return result;
    }

    public static IReadOnlyList<JsonElement> Lines(this JsonElement invoice) => invoice.GetProperty("lines").EnumerateArray().ToList();

    public static JsonElement Line(this JsonElement invoice, string kind, string offerCode) =>
        invoice.Lines().Single(l => l.Str("kind") == kind && l.Str("offerCode") == offerCode);
}
