using System.Text.Json;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Billing;

/// <summary>
/// A run killed half-way through its issue (after its second committed batch of two tenants) and issued
/// again finishes with the totals and the numbering of a run that was never interrupted.
/// </summary>
public sealed class BillingRunCrashTests
{
    private static readonly string[] Communes = ["80013", "80014", "80015", "80016", "80017", "80018", "80019"];

    /// <summary>Throws once after the given batch: the worker stops there, as if the process had died.</summary>
    private sealed class CrashAfterBatch(int batch) : IBillingRunHooks
    {
        private int _crashed;

        public ValueTask BatchCommittedAsync(Guid runId, int batchNumber, CancellationToken cancellationToken) =>
            batchNumber == batch && Interlocked.Exchange(ref _crashed, 1) == 0
                ? throw new IOException("simulated crash after batch " + batchNumber)
                : ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_run_interrupted_mid_way_and_issued_again_ends_gapless_with_the_totals_of_an_uninterrupted_run()
    {
        await using var reference = SaasAppFactory.Sqlite();
        var expected = await BillAsync(reference, crash: null);

        await using var crashing = SaasAppFactory.Sqlite();
        var crashed = await BillAsync(crashing, crash: new CrashAfterBatch(2));

        Assert.Equal(expected.TotalHt, crashed.TotalHt);
        Assert.Equal(expected.TotalTtc, crashed.TotalTtc);
        Assert.Equal(expected.NumbersByTenant, crashed.NumbersByTenant);
        Assert.Equal(Communes.Length, crashed.NumbersByTenant.Count);
        var sequence = crashed.NumbersByTenant.Values.Select(n => int.Parse(n[^6..])).Order().ToList();
        Assert.Equal(Enumerable.Range(1, Communes.Length), sequence);
        Assert.Equal(4, crashed.DoneWhenInterrupted);
    }

    private sealed record Outcome(decimal TotalHt, decimal TotalTtc, SortedDictionary<string, string> NumbersByTenant, int? DoneWhenInterrupted);

    private static async Task<Outcome> BillAsync(SaasAppFactory baseFactory, IBillingRunHooks? crash)
    {
        var factory = baseFactory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Billing:BatchSize", "2");
            if (crash is not null) b.ConfigureTestServices(s => s.AddSingleton(crash));
        });
        var staff = await StaffAsync(factory);
        foreach (var code in Communes)
            await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, new DateOnly(2021, 3, 1), await TenantAsync(staff, code)));
        var preview = await staff.StartRunAsync("2021");
        Assert.Equal(Communes.Length, preview.Int("invoiceCount"));

        int? doneWhenInterrupted = null;
        JsonElement issued;
        if (crash is null)
        {
            issued = await staff.IssueAsync(preview.Str("id")!);
        }
        else
        {
            await (await staff.PostJsonAsync($"/api/v1/billing-runs/{preview.Str("id")}/issue", new { })).ReadJsonAsync(System.Net.HttpStatusCode.Accepted);
            var interrupted = await WaitForAsync(staff, preview.Str("id")!, r => r.Int("tenantsDone") == 4);
            await Task.Delay(300); // the worker has given up on this run: nothing moves any more
            interrupted = await staff.GetJsonAsync($"/api/v1/billing-runs/{preview.Str("id")}");
            Assert.Equal("Issuing", interrupted.Str("status"));
            doneWhenInterrupted = interrupted.Int("tenantsDone");
            issued = await staff.IssueAsync(preview.Str("id")!); // resumes
        }
        Assert.Equal(preview.Dec("previewTotalTtc"), issued.Dec("issuedTotalTtc"));

        var invoices = (await staff.GetJsonAsync($"/api/v1/invoices?billingRunId={preview.Str("id")}&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        return new Outcome(invoices.Sum(i => i.Dec("totalHt")), invoices.Sum(i => i.Dec("totalTtc")),
            new SortedDictionary<string, string>(invoices.ToDictionary(i => i.Str("buyerName")!, i => i.Str("number")!), StringComparer.Ordinal),
            doneWhenInterrupted);
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient staff, string runId, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await staff.GetJsonAsync($"/api/v1/billing-runs/{runId}");
            if (condition(run)) return run;
            Assert.True(DateTime.UtcNow < deadline, run.GetRawText());
            await Task.Delay(50);
        }
    }

    private static async Task<HttpClient> StaffAsync(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login",
            ApiClient.LoginBody(SommeNumerique.Saas.Infrastructure.Identity.DemoAccounts.StaffEmail));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Str("accessToken"));
        return client;
    }

    private static async Task<string> TenantAsync(HttpClient staff, string insee)
    {
        var page = await staff.GetJsonAsync($"/api/v1/tenants?search={insee}");
        return page.GetProperty("items").EnumerateArray().Single(t => t.Str("inseeCode") == insee).Str("id")!;
    }
}
