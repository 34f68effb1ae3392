using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Catalogue;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>Rule 4: units in service each month (an increase counts for its whole month), minus what was already billed.</summary>
public class QuantityRuleTests
{
    /// <summary>The months January to December of <paramref name="year"/> as the first three rules leave them (member price list, voted tariff).</summary>
    private static ChargeSheet Apply(Charge charge, int year, AlreadyBilled? billed = null, DateOnly? firstMonth = null, DateOnly? lastMonth = null)
    {
        var version = VersionOf(charge.Item, D(year, 1, 1));
        var sheet = Sheet(firstMonth ?? D(year, 1, 1), lastMonth ?? D(year, 12, 1), m =>
        {
            m.PriceList = PriceList.Member;
            m.Version = version;
            m.AnnualUnitPrice = version.UnitPrice(PriceList.Member) ?? 0m;
        });
        new QuantityRule().Apply(charge.For(year, billed), sheet);
        return sheet;
    }

    private static int UnitsIn(ChargeSheet sheet, int year, int month) => sheet.Months.Single(m => m.Month == D(year, month, 1)).Units;

    [Fact]
    public void Every_month_bills_the_subscribed_quantity()
    {
        var sheet = Apply(Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1)), 2026);

        Assert.Equal(12, sheet.Months.Count);
        Assert.All(sheet.Months, m => Assert.Equal(10, m.Units));
    }

    [Fact]
    public void An_increase_mid_year_is_billed_at_the_new_quantity_from_the_month_it_happens()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        charge.Subscription.ChangeQuantity(15, D(2026, 4, 20), Secretary, At);

        var sheet = Apply(charge, 2026);

        // January to March: 10; April (increase on the 20th) to December: 15.
        Assert.Equal(Enumerable.Repeat(10, 3).Concat(Enumerable.Repeat(15, 9)), sheet.Months.Select(m => m.Units));
    }

    [Fact]
    public void A_decrease_takes_effect_only_from_the_next_period()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        charge.Subscription.ChangeQuantity(8, D(2026, 5, 10), Staff, At, "Départ de deux agents");

        Assert.All(Apply(charge, 2026).Months, m => Assert.Equal(10, m.Units));
        Assert.All(Apply(charge, 2027).Months, m => Assert.Equal(8, m.Units));
    }

    [Fact]
    public void Units_already_billed_are_subtracted_and_months_with_nothing_left_are_dropped()
    {
        // A first run billed 10 vaults for 2026; the commune then went to 15 on 20/04/2026.
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        charge.Subscription.ChangeQuantity(15, D(2026, 4, 20), Secretary, At);

        var sheet = Apply(charge, 2026, Billed(10, D(2026, 1, 1), D(2026, 12, 1)));

        // January to March: 10 - 10 = 0, dropped; April to December: 15 - 10 = 5.
        Assert.Equal(MonthsFrom(D(2026, 4, 1), D(2026, 12, 1)), sheet.Months.Select(m => m.Month));
        Assert.All(sheet.Months, m => Assert.Equal(5, m.Units));
    }

    [Fact]
    public void A_period_already_billed_in_full_leaves_no_month()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));

        var sheet = Apply(charge, 2026, Billed(10, D(2026, 1, 1), D(2026, 12, 1)));

        Assert.Empty(sheet.Months);
        Assert.False(sheet.IsSetAside);
    }

    [Fact]
    public void A_terminated_month_bills_the_units_in_service_on_the_last_day_of_service()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        charge.Subscription.ChangeQuantity(12, D(2026, 3, 2), Secretary, At);
        charge.Subscription.Terminate(D(2026, 6, 10), D(2026, 6, 1), Staff, At, "Fusion de communes");

        // The eligibility rule leaves January to June.
        var sheet = Apply(charge, 2026, lastMonth: D(2026, 6, 1));

        Assert.Equal(10, UnitsIn(sheet, 2026, 2));
        Assert.Equal(12, UnitsIn(sheet, 2026, 6));
    }

    [Fact]
    public void A_per_inhabitant_tariff_counts_one_contribution_per_month()
    {
        var sheet = Apply(Subscribe(Cachy(), DematFluxComptables(), 1, D(2025, 1, 1)), 2026);

        Assert.All(sheet.Months, m => Assert.Equal(1, m.Units));
    }

    [Fact]
    public void A_per_inhabitant_month_already_billed_is_dropped()
    {
        var sheet = Apply(Subscribe(Cachy(), DematFluxComptables(), 1, D(2025, 1, 1)), 2026, Billed(1, D(2026, 1, 1), D(2026, 6, 1)));

        Assert.Equal(MonthsFrom(D(2026, 7, 1), D(2026, 12, 1)), sheet.Months.Select(m => m.Month));
    }
}
