using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Billing;

/// <summary>
/// Issue 12, item 6: dated subscription changes through the API and the billing runs that follow them. Pack
/// cyber, member price 30 € HT per unit and year (+ 75 € per started block of 7 units, unchanged from 1 to 4 units).
/// Tariffs are voted from 2025 on: the tests that end in 2025 share its runs and look at their own tenant only.
/// </summary>
public sealed class DatedSubscriptionChangeApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Pack = "PACK-CYBER";
    private const string OrderForm = "bon de commande signé en septembre";

    [Fact]
    public async Task Three_units_added_from_1_September_bill_four_months_in_the_run_of_the_year()
    {
        var staff = await app.Factory.StaffAsync();
        var tenant = await app.Factory.TenantIdByCodeAsync("80005"); // Acheux, member EPCI
        var subscription = await staff.SubscribeAsync(Request(Pack, 1, new DateOnly(2025, 1, 1), tenant));

        var changed = await (await staff.PostJsonAsync($"{Root}/{subscription.Str("id")}/quantity",
            new { quantity = 4, effectiveDate = "2025-09-01", reason = OrderForm })).ReadJsonAsync(HttpStatusCode.OK);

        var entry = changed.History()[^1];
        Assert.Equal(2, entry.Int("kind")); // SubscriptionChangeKind.QuantityIncreased
        Assert.Equal(new DateOnly(2025, 9, 1), entry.Date("effectiveOn"));
        Assert.Equal(OrderForm, entry.Str("reason"));
        Assert.StartsWith("Quantité portée de 1 à 4 à compter du 01/09/2025 (date d'effet passée", entry.Str("description"));

        await staff.IssueAsync((await staff.StartRunAsync("2025")).Str("id")!);
        var invoice = (await staff.InvoicesAsync(tenant, "2025")).Single();
        var service = invoice.Lines().Where(l => l.Str("kind") == "Service").ToList();
        Assert.Equal(2, service.Count);
        Assert.Contains("1 × ", service[0].Str("label"));
        Assert.Contains("8 mois du 01/01/2025 au 31/08/2025", service[0].Str("label"));
        Assert.Contains("4 × ", service[1].Str("label"));
        Assert.Contains("4 mois du 01/09/2025 au 31/12/2025", service[1].Str("label"));
        // One unit for the year, and the 3 extra units for 4 months: 30 + 3 × 30 × 4 / 12.
        Assert.Equal(30.00m + 3 * 30.00m * 4 / 12, service.Sum(l => l.Dec("amountHt")));
        Assert.Equal(75.00m, invoice.Line("SetupFee", Pack).Dec("amountHt")); // still one block of 7
    }

    [Fact]
    public async Task A_past_dated_change_to_an_invoiced_year_bills_the_difference_in_the_next_run_and_leaves_the_invoice_as_issued()
    {
        var staff = await app.Factory.StaffAsync();
        var tenant = await app.Factory.TenantIdByCodeAsync("80002"); // Ablaincourt, member EPCI
        var subscription = await staff.SubscribeAsync(Request(Pack, 1, new DateOnly(2026, 1, 1), tenant));
        var id = subscription.Str("id")!;
        await staff.IssueAsync((await staff.StartRunAsync("2026")).Str("id")!);
        var first = (await staff.InvoicesAsync(tenant, "2026")).Single();
        Assert.Equal(30.00m + 75.00m, first.Dec("totalHt"));

        var response = await staff.PostJsonAsync($"{Root}/{id}/quantity",
            new { quantity = 4, effectiveDate = "2026-09-01", reason = OrderForm, version = subscription.Int("version") });
        var changed = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(OrderForm, changed.History()[^1].Str("reason"));

        var preview = await staff.StartRunAsync("2026");
        Assert.Equal(3 * 30.00m * 4 / 12, preview.RowOf(tenant)!.Value.Dec("totalHt"));
        await staff.IssueAsync(preview.Str("id")!);

        var invoices = await staff.InvoicesAsync(tenant, "2026");
        Assert.Equal(2, invoices.Count);
        var issuedBefore = invoices.Single(i => i.Str("id") == first.Str("id"));
        Assert.Equal(first.GetRawText(), issuedBefore.GetRawText()); // the issued invoice is untouched
        var difference = invoices.Single(i => i.Str("id") != first.Str("id"));
        var line = Assert.Single(difference.Lines());
        Assert.Equal("Service", line.Str("kind"));
        Assert.Equal(3m, line.Dec("quantity"));
        Assert.Contains("4 mois du 01/09/2026 au 31/12/2026", line.Str("label"));
        Assert.Equal(30.00m, line.Dec("amountHt"));

        // A third run has nothing left to bill for it.
        var third = await staff.StartRunAsync("2026");
        Assert.Null(third.RowOf(tenant));

        // The audit log keeps the change with its reason, before and after.
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Area == "Subscriptions" && a.Subject == id).ToListAsync();
        var recorded = Assert.Single(audit);
        Assert.Equal("ChangeQuantity", recorded.Action);
        Assert.Equal(OrderForm, recorded.Justification);
        Assert.Equal("agent@somme-numerique.test", recorded.UserEmail);
        Assert.Contains("\"quantity\":1", recorded.Before);
        Assert.Contains("\"from\":\"2026-09-01\",\"quantity\":4", recorded.After);
    }

    [Fact]
    public async Task A_tenant_cannot_choose_a_past_effective_date_and_is_told_which_field_in_french()
    {
        var admin = await app.Factory.AbbevilleAdminAsync();
        var abbeville = await app.Factory.TenantIdByCodeAsync("80001");
        await app.Factory.RemoveSubscriptionsAsync(abbeville, Pack);
        var id = (await admin.SubscribeAsync(Request(Pack, 2), abbeville)).Str("id")!;
        var before = await app.Factory.StoredSubscriptionAsync(id);
        var yesterday = Iso(Today.AddDays(-1));

        var quantity = await admin.PostJsonAsync($"{Root}/{id}/quantity", new { quantity = 3, effectiveDate = yesterday, reason = "oubli" }, abbeville);
        var termination = await admin.PostJsonAsync($"{Root}/{id}/termination", new { lastDay = yesterday }, abbeville);
        var terminationByDate = await admin.PostJsonAsync($"{Root}/{id}/termination", new { effectiveDate = yesterday }, abbeville);

        var problem = await quantity.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(new[] { $"La date d'effet ne peut pas être passée : choisissez le {French(Today)} ou une date ultérieure." }, problem.Errors("effectiveDate"));
        Assert.StartsWith("Le dernier jour de service ne peut pas être passé", Assert.Single((await termination.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors("lastDay")));
        Assert.Single((await terminationByDate.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors("effectiveDate"));
        Assert.Equal(before, await app.Factory.StoredSubscriptionAsync(id));

        // From today on, the tenant may date its change: the increase waits for its day.
        var later = Today.AddDays(10);
        var dated = await (await admin.PostJsonAsync($"{Root}/{id}/quantity", new { quantity = 3, effectiveDate = Iso(later) }, abbeville)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(later, dated.GetProperty("pendingQuantity").Date("from"));
        Assert.Equal(2, dated.Int("quantity"));
    }

    [Fact]
    public async Task Staff_give_a_reason_for_a_past_date_and_may_end_a_subscription_on_a_past_day()
    {
        var staff = await app.Factory.StaffAsync();
        var tenant = await app.Factory.TenantIdByCodeAsync("80040"); // Aumâtre
        await app.Factory.RemoveSubscriptionsAsync(tenant, Pack);
        var id = (await staff.SubscribeAsync(Request(Pack, 2, new DateOnly(2025, 1, 1), tenant))).Str("id")!;

        var noReason = await staff.PostJsonAsync($"{Root}/{id}/quantity", new { quantity = 3, effectiveDate = "2025-09-01" });
        Assert.Single((await noReason.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors("reason"));
        var beforeStart = await staff.PostJsonAsync($"{Root}/{id}/quantity", new { quantity = 3, effectiveDate = "2024-12-31", reason = OrderForm });
        Assert.Single((await beforeStart.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors("effectiveDate"));
        var tooFar = await staff.PostJsonAsync($"{Root}/{id}/quantity", new { quantity = 3, effectiveDate = Iso(Today.AddYears(3)) });
        Assert.Single((await tooFar.ProblemAsync(HttpStatusCode.BadRequest)).Errors("effectiveDate"));
        var conflicting = await staff.PostJsonAsync($"{Root}/{id}/termination", new { lastDay = "2025-06-30", effectiveDate = "2025-07-31", reason = "x" });
        Assert.Single((await conflicting.ProblemAsync(HttpStatusCode.BadRequest)).Errors("effectiveDate"));
        var noTerminationReason = await staff.PostJsonAsync($"{Root}/{id}/termination", new { effectiveDate = "2025-06-30" });
        Assert.Single((await noTerminationReason.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors("reason"));

        var ended = await (await staff.PostJsonAsync($"{Root}/{id}/termination",
            new { effectiveDate = "2025-06-30", reason = "délibération de retrait du 20 juin 2025" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Terminated", ended.Str("status"));
        Assert.Equal(new DateOnly(2025, 6, 30), ended.Date("terminationDate"));
        Assert.Equal("délibération de retrait du 20 juin 2025", ended.History()[^1].Str("reason"));

        await staff.IssueAsync((await staff.StartRunAsync("2025")).Str("id")!);
        var line = (await staff.InvoicesAsync(tenant, "2025")).Single().Line("Service", Pack);
        Assert.Contains("6 mois du 01/01/2025 au 30/06/2025", line.Str("label"));
        Assert.Equal(2 * 30.00m * 6 / 12, line.Dec("amountHt"));
    }
}
