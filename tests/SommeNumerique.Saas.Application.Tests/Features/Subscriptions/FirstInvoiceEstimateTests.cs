using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.Tests.Features.Billing;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Subscriptions;

/// <summary>
/// The first invoice shown in a quote is the billing pipeline's charge for the first period, from the start
/// month on (as <see cref="SubscriptionQuotes"/> builds it). Abbeville is a commune of the CA de la Baie de Somme
/// (member): vault 35 € HT, pack cyber 30 € HT + 75 € HT per started block of 7, ENT 6.50 € out of VAT scope.
/// </summary>
public sealed class FirstInvoiceEstimateTests
{
    private static async Task<FirstInvoiceEstimate> EstimateAsync(CatalogueItem item, int quantity, DateOnly start, bool firstEver)
    {
        var charge = Subscribe(Abbeville(), item, quantity, start, firstEver);
        var period = BillingPeriod.Containing(start, item.BillingAlignment);
        var input = new ChargeInput(charge.Payer.Tenant, charge.Payer.Epci, item, charge.Offer, charge.Subscription, period,
            Months.FirstDay(start), Months.FirstDay(period.End), AlreadyBilled.Nothing);
        return FirstInvoiceEstimate.From(period, start, await PriceAsync(input));
    }

    [Fact]
    public async Task Ten_vaults_from_1_January_2025_with_the_gratuity_cost_nothing()
    {
        var estimate = await EstimateAsync(CoffreFort(), 10, D(2025, 1, 1), firstEver: true);

        Assert.Equal(new BillingPeriod(D(2025, 1, 1), D(2025, 12, 31)), estimate.Period);
        Assert.Equal(12, estimate.BilledMonths);
        Assert.Collection(estimate.Lines,
            line =>
            {
                Assert.Equal(350.00m, line.AmountHt); // 10 × 35.00
                Assert.Equal(0.20m, line.VatRate);
                Assert.Equal("Coffre-fort de mots de passe (1 coffre = 1 agent) — 10 × coffre (agent), tarif membre, 12 mois du 01/01/2025 au 31/12/2025", line.Label);
            },
            line =>
            {
                Assert.Equal(-350.00m, line.AmountHt);
                Assert.Equal("Gratuité première année (12 mois, jusqu'au 31/12/2025)", line.Label);
            });
        Assert.Equal(0m, estimate.TotalHt);
        Assert.Equal(0m, estimate.TotalVat);
        Assert.Equal(0m, estimate.TotalTtc);
    }

    [Fact]
    public async Task Ten_vaults_from_15_March_2025_without_gratuity_bill_ten_months()
    {
        var estimate = await EstimateAsync(CoffreFort(), 10, D(2025, 3, 15), firstEver: false);

        Assert.Equal(10, estimate.BilledMonths); // March (started) .. December
        var line = Assert.Single(estimate.Lines);
        Assert.Equal(291.67m, line.AmountHt); // 350 × 10 / 12 = 291.666...
        Assert.EndsWith("10 × coffre (agent), tarif membre, 10 mois du 01/03/2025 au 31/12/2025", line.Label);
        Assert.Equal(291.67m, estimate.TotalHt);
        Assert.Equal(58.33m, estimate.TotalVat); // 291.67 × 0.20 = 58.334
        Assert.Equal(350.00m, estimate.TotalTtc);
    }

    [Fact]
    public async Task The_cyber_pack_for_8_agents_bills_the_year_and_two_setup_blocks()
    {
        var estimate = await EstimateAsync(PackCyber(), 8, D(2025, 1, 1), firstEver: true);

        Assert.Equal(12, estimate.BilledMonths);
        Assert.Collection(estimate.Lines,
            line => Assert.Equal(240.00m, line.AmountHt), // 8 × 30.00
            line =>
            {
                Assert.Equal(150.00m, line.AmountHt); // 8 agents = 2 started blocks of 7 × 75.00
                Assert.Equal(0.20m, line.VatRate);
                Assert.Equal("Frais de mise en service — 2 tranches de 7 × 75,00 € HT (tarif membre)", line.Label);
            });
        Assert.Equal(390.00m, estimate.TotalHt);
        Assert.Equal(78.00m, estimate.TotalVat);
        Assert.Equal(468.00m, estimate.TotalTtc);
    }

    [Fact]
    public async Task The_school_workspace_from_1_October_2025_bills_eleven_months_of_the_school_year()
    {
        var estimate = await EstimateAsync(Ent(), 100, D(2025, 10, 1), firstEver: true);

        Assert.Equal(new BillingPeriod(D(2025, 9, 1), D(2026, 8, 31)), estimate.Period);
        Assert.Equal(11, estimate.BilledMonths); // October .. August
        var line = Assert.Single(estimate.Lines);
        Assert.Equal(595.83m, line.AmountHt); // 100 × 6.50 = 650 × 11 / 12 = 595.833...
        Assert.Equal(0m, line.VatRate);
        Assert.Equal("Espace Numérique de Travail — 100 × compte élève, tarif membre, 11 mois du 01/10/2025 au 31/08/2026", line.Label);
        Assert.Equal(595.83m, estimate.TotalHt);
        Assert.Equal(0m, estimate.TotalVat);
        Assert.Equal(595.83m, estimate.TotalTtc);
    }

    [Fact]
    public async Task A_start_in_June_with_the_gratuity_bills_seven_months_all_free()
    {
        // Gratuity from June 2025 to May 2026: the 7 months June..December 2025 are all free.
        var estimate = await EstimateAsync(CoffreFort(), 10, D(2025, 6, 1), firstEver: true);

        Assert.Equal(7, estimate.BilledMonths);
        Assert.Collection(estimate.Lines,
            line => Assert.Equal(204.17m, line.AmountHt), // 350 × 7 / 12 = 204.1666...
            line =>
            {
                Assert.Equal(-204.17m, line.AmountHt);
                Assert.Equal("Gratuité première année (7 mois, jusqu'au 31/05/2026)", line.Label);
            });
        Assert.Equal(0m, estimate.TotalHt);
        Assert.Equal(0m, estimate.TotalVat);
        Assert.Equal(0m, estimate.TotalTtc);
    }

    [Fact]
    public void Nothing_is_estimated_for_a_quantity_the_offer_does_not_allow()
    {
        var period = new BillingPeriod(D(2025, 1, 1), D(2025, 12, 31));
        var estimate = FirstInvoiceEstimate.Empty(period, D(2025, 4, 10));

        Assert.Equal(9, estimate.BilledMonths); // April .. December
        Assert.Empty(estimate.Lines);
        Assert.Equal(0m, estimate.TotalTtc);
    }
}
