using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tests.Catalogue;

namespace SommeNumerique.Saas.Domain.Tests.Billing;

/// <summary>
/// First invoice estimates from real quotes of <see cref="PriceResolver"/> on the voted catalogue. Abbeville is a
/// commune of the CA de la Baie de Somme (member): member prices (vault 35 € HT, pack cyber 30 € HT + 75 € HT per
/// started block of 7, ENT 6.50 € out of VAT scope).
/// </summary>
public class FirstInvoiceEstimateTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static PriceQuote Quote(CatalogueItem item, int quantity, DateOnly start, Who who = Who.Abbeville)
    {
        var (tenant, parent) = CatalogueTenants.Build(who);
        var quote = PriceResolver.Resolve(item, item.Offers[0], tenant, parent, quantity, start);
        Assert.True(quote.Priced);
        return quote;
    }

    private static FirstInvoiceEstimate Estimate(CatalogueItem item, int quantity, DateOnly start, DateOnly? gratuityEndsOn, Who who = Who.Abbeville) =>
        FirstInvoice.Estimate(Quote(item, quantity, start, who), item.UnitLabel, start, item.BillingAlignment, gratuityEndsOn);

    [Fact]
    public void Ten_vaults_from_1_January_2025_with_the_gratuity_cost_nothing()
    {
        var estimate = Estimate(VotedCatalogue.CoffreFort(), 10, D(2025, 1, 1), gratuityEndsOn: D(2025, 12, 31));

        Assert.Equal(new BillingPeriod(D(2025, 1, 1), D(2025, 12, 31)), estimate.Period);
        Assert.Equal(12, estimate.BilledMonths);
        Assert.Collection(estimate.Lines,
            line =>
            {
                Assert.Equal(350.00m, line.AmountHt); // 10 × 35.00
                Assert.Equal(0.20m, line.VatRate);
                Assert.Equal("COFFRE-FORT — 10 × coffre (agent), 12 mois du 01/01/2025 au 31/12/2025", line.Label);
            },
            line =>
            {
                Assert.Equal(-350.00m, line.AmountHt);
                Assert.Equal("Gratuité première année (12 mois)", line.Label);
            });
        Assert.Equal(0m, estimate.TotalHt);
        Assert.Equal(0m, estimate.TotalVat);
        Assert.Equal(0m, estimate.TotalTtc);
    }

    [Fact]
    public void Ten_vaults_from_15_March_2025_without_gratuity_bill_ten_months()
    {
        var estimate = Estimate(VotedCatalogue.CoffreFort(), 10, D(2025, 3, 15), gratuityEndsOn: null);

        Assert.Equal(10, estimate.BilledMonths); // March (started) .. December
        var line = Assert.Single(estimate.Lines);
        Assert.Equal(291.67m, line.AmountHt); // 350 × 10 / 12 = 291.666...
        Assert.Equal("COFFRE-FORT — 10 × coffre (agent), 10 mois du 01/03/2025 au 31/12/2025", line.Label);
        Assert.Equal(291.67m, estimate.TotalHt);
        Assert.Equal(58.33m, estimate.TotalVat); // 291.67 × 0.20 = 58.334
        Assert.Equal(350.00m, estimate.TotalTtc);
    }

    [Fact]
    public void The_cyber_pack_for_8_agents_bills_the_year_and_two_setup_blocks()
    {
        var estimate = Estimate(VotedCatalogue.PackCyber(), 8, D(2025, 1, 1), gratuityEndsOn: null);

        Assert.Equal(12, estimate.BilledMonths);
        Assert.Collection(estimate.Lines,
            line => Assert.Equal(240.00m, line.AmountHt), // 8 × 30.00
            line =>
            {
                Assert.Equal(150.00m, line.AmountHt); // 8 agents = 2 started blocks of 7 × 75.00
                Assert.Equal(0.20m, line.VatRate);
                Assert.Equal("Frais de mise en service — 2 tranche(s) de 7", line.Label);
            });
        Assert.Equal(390.00m, estimate.TotalHt);
        Assert.Equal(78.00m, estimate.TotalVat);
        Assert.Equal(468.00m, estimate.TotalTtc);
    }

    [Fact]
    public void The_school_workspace_from_1_October_2025_bills_eleven_months_of_the_school_year()
    {
        var estimate = Estimate(VotedCatalogue.Ent(), 100, D(2025, 10, 1), gratuityEndsOn: null);

        Assert.Equal(new BillingPeriod(D(2025, 9, 1), D(2026, 8, 31)), estimate.Period);
        Assert.Equal(11, estimate.BilledMonths); // October .. August
        var line = Assert.Single(estimate.Lines);
        Assert.Equal(595.83m, line.AmountHt); // 100 × 6.50 = 650 × 11 / 12 = 595.833...
        Assert.Equal(0m, line.VatRate);
        Assert.Equal("ENT — 100 × compte élève, 11 mois du 01/10/2025 au 31/08/2026", line.Label);
        Assert.Equal(595.83m, estimate.TotalHt);
        Assert.Equal(0m, estimate.TotalVat);
        Assert.Equal(595.83m, estimate.TotalTtc);
    }

    [Fact]
    public void A_start_in_June_with_the_gratuity_bills_seven_months_all_free()
    {
        // Gratuity from June 2025 to May 2026: the 7 months June..December 2025 are all free.
        var estimate = Estimate(VotedCatalogue.CoffreFort(), 10, D(2025, 6, 1), gratuityEndsOn: D(2026, 5, 31));

        Assert.Equal(7, estimate.BilledMonths);
        Assert.Collection(estimate.Lines,
            line => Assert.Equal(204.17m, line.AmountHt), // 350 × 7 / 12 = 204.1666...
            line =>
            {
                Assert.Equal(-204.17m, line.AmountHt);
                Assert.Equal("Gratuité première année (7 mois)", line.Label);
            });
        Assert.Equal(0m, estimate.TotalHt);
        Assert.Equal(0m, estimate.TotalVat);
        Assert.Equal(0m, estimate.TotalTtc);
    }

    [Fact]
    public void A_gratuity_ending_within_the_period_frees_only_its_months()
    {
        // Free January..September 2025 (9 months): 350 × 9 / 12 = 262.50 free, 87.50 due.
        var estimate = Estimate(VotedCatalogue.CoffreFort(), 10, D(2025, 1, 1), gratuityEndsOn: D(2025, 9, 30));

        Assert.Equal(new[] { 350.00m, -262.50m }, estimate.Lines.Select(l => l.AmountHt));
        Assert.Equal("Gratuité première année (9 mois)", estimate.Lines[1].Label);
        Assert.Equal(87.50m, estimate.TotalHt);
        Assert.Equal(17.50m, estimate.TotalVat);
        Assert.Equal(105.00m, estimate.TotalTtc);
    }

    [Fact]
    public void A_non_member_pays_the_non_member_price_prorated()
    {
        // Vitz-sur-Authie (CC du Ternois, not a member): 10 × 40.00 = 400 × 10 / 12 = 333.333... -> 333.33.
        var estimate = Estimate(VotedCatalogue.CoffreFort(), 10, D(2025, 3, 15), gratuityEndsOn: null, Who.VitzSurAuthie);

        Assert.Equal(333.33m, estimate.TotalHt);
        Assert.Equal(66.67m, estimate.TotalVat); // 333.33 × 0.20 = 66.666
        Assert.Equal(400.00m, estimate.TotalTtc);
    }
}
