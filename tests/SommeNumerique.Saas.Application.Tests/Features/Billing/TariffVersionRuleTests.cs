using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Catalogue;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>Rule 3: each month is priced with the tariff version in force on its 1st, at its price list's price.</summary>
public class TariffVersionRuleTests
{
    /// <summary>Applies the rule to the months the eligibility and price list rules would leave.</summary>
    private static ChargeSheet Apply(Charge charge, ChargeInput input, Func<DateOnly, PriceList> listOf)
    {
        var sheet = Sheet(MonthsFrom(input.FromMonth, input.ToMonth).Where(m => m.AddMonths(1) > charge.Subscription.StartDate),
            m => m.PriceList = listOf(m.Month));
        new TariffVersionRule().Apply(input, sheet);
        return sheet;
    }

    private static ChargeSheet Apply(Charge charge, int year, PriceList list = PriceList.Member) =>
        Apply(charge, charge.For(year), _ => list);

    [Fact]
    public void Each_month_gets_the_version_in_force_and_the_annual_price_of_its_price_list()
    {
        var item = CoffreFort();
        var sheet = Apply(Subscribe(Abbeville(), item, 10, D(2025, 1, 1)), 2026);

        var voted = VersionOf(item, D(2026, 1, 1));
        Assert.All(sheet.Months, m =>
        {
            Assert.Same(voted, m.Version);
            Assert.Equal(35.00m, m.AnnualUnitPrice);
        });
    }

    [Fact]
    public void Non_member_months_get_the_non_member_price()
    {
        var sheet = Apply(Subscribe(VitzSurAuthie(), CoffreFort(), 10, D(2025, 1, 1)), 2026, PriceList.NonMember);

        Assert.All(sheet.Months, m => Assert.Equal(40.00m, m.AnnualUnitPrice));
    }

    [Fact]
    public void A_version_effective_on_the_15th_applies_from_the_next_month()
    {
        var item = CoffreFort();
        var revised = PerUnitVersion(D(2026, 3, 15), member: 38.00m, nonMember: 43.00m);
        item.Offers[0].AddVersion(revised);

        var sheet = Apply(Subscribe(Abbeville(), item, 10, D(2025, 1, 1)), 2026);

        // 1 March: the 2024 tariff is still in force (35.00); 1 April: the revised one (38.00).
        Assert.Equal([35m, 35m, 35m, 38m, 38m, 38m, 38m, 38m, 38m, 38m, 38m, 38m], sheet.Months.Select(m => m.AnnualUnitPrice));
        Assert.Same(revised, sheet.Months[3].Version);
        Assert.NotSame(revised, sheet.Months[2].Version);
    }

    [Fact]
    public void A_version_effective_on_the_1st_applies_to_that_month()
    {
        var item = CoffreFort();
        item.Offers[0].AddVersion(PerUnitVersion(D(2026, 3, 1), member: 38.00m, nonMember: 43.00m));

        var sheet = Apply(Subscribe(Abbeville(), item, 10, D(2025, 1, 1)), 2026);

        Assert.Equal(35m, sheet.Months[1].AnnualUnitPrice);
        Assert.Equal(38m, sheet.Months[2].AnnualUnitPrice);
    }

    [Fact]
    public void The_voted_ftth_tariffs_apply_from_the_month_after_their_deliberations()
    {
        // 430.00 voted on 17/06/2024, 460.00 on 07/10/2024. A site in service from 01/07/2024:
        // July to October at 430.00 (on 01/10 the second deliberation is not in force yet), November-December at 460.00.
        var sheet = Apply(Subscribe(Abbeville(), FtthGfu(), 1, D(2024, 7, 1)), 2024);

        Assert.Equal([430m, 430m, 430m, 430m, 460m, 460m], sheet.Months.Select(m => m.AnnualUnitPrice));
    }

    [Fact]
    public void A_month_with_no_tariff_in_force_sets_the_charge_aside()
    {
        // The vault tariff is voted on 07/10/2024: on 01/10/2024 nothing is in force yet.
        var sheet = Apply(Subscribe(Abbeville(), CoffreFort(), 10, D(2024, 10, 7)), 2024);

        Assert.Equal("COFFRE-FORT : aucun tarif voté n'est en vigueur au 01/10/2024.", sheet.SetAsideReason);
    }

    [Fact]
    public void A_non_member_month_of_a_members_only_offer_sets_the_charge_aside()
    {
        // The CC du Val de Somme leaves on 30/06/2026: from July it would need a non-member FTTH price, which does not exist.
        var charge = Subscribe(ValDeSomme(leavesAfter: D(2026, 6, 30)), FtthGfu(), 1, D(2025, 1, 1));

        var sheet = Apply(charge, charge.For(2026), m => m.Month < 7 ? PriceList.Member : PriceList.NonMember);

        Assert.Equal("FTTH-INITIALE : le tarif en vigueur au 01/07/2026 n'a pas de prix non-membre (offre réservée aux membres).",
            sheet.SetAsideReason);
    }

    [Fact]
    public void A_member_month_of_a_tariff_without_member_price_sets_the_charge_aside()
    {
        var item = CoffreFort();
        item.Offers[0].AddVersion(PerUnitVersion(D(2026, 1, 1), member: null, nonMember: 40.00m));

        var sheet = Apply(Subscribe(Abbeville(), item, 10, D(2025, 1, 1)), 2026);

        Assert.Equal("COFFRE-FORT : le tarif en vigueur au 01/01/2026 n'a pas de prix membre.", sheet.SetAsideReason);
    }

    [Fact]
    public void A_per_inhabitant_tariff_gets_its_version_and_leaves_the_price_to_the_proration_rule()
    {
        var item = DematFluxComptables();
        var sheet = Apply(Subscribe(Cachy(), item, 1, D(2025, 1, 1)), 2026);

        Assert.False(sheet.IsSetAside);
        Assert.All(sheet.Months, m =>
        {
            Assert.Equal(PricingModel.PerInhabitantPerYear, m.Version!.Model);
            Assert.Equal(0m, m.AnnualUnitPrice);
        });
    }
}
