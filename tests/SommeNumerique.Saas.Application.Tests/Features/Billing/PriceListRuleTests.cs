using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Catalogue;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>Rule 2: member or non-member prices, month by month, as the membership stands on the 1st of the month.</summary>
public class PriceListRuleTests
{
    /// <summary>The sheet the eligibility rule leaves for a whole year: twelve months, nothing priced yet.</summary>
    private static ChargeSheet Apply(Charge charge, int year)
    {
        var sheet = Sheet(D(year, 1, 1), D(year, 12, 1));
        new PriceListRule().Apply(charge.For(year), sheet);
        return sheet;
    }

    private static List<PriceList> Lists(ChargeSheet sheet) => sheet.Months.Select(m => m.PriceList).ToList();

    [Fact]
    public void A_commune_of_a_member_epci_pays_member_prices_every_month()
    {
        var sheet = Apply(Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1)), 2026);

        Assert.All(sheet.Months, m => Assert.Equal(PriceList.Member, m.PriceList));
    }

    [Fact]
    public void A_commune_of_a_non_member_epci_pays_non_member_prices_every_month()
    {
        var sheet = Apply(Subscribe(VitzSurAuthie(), CoffreFort(), 10, D(2025, 1, 1)), 2026);

        Assert.All(sheet.Months, m => Assert.Equal(PriceList.NonMember, m.PriceList));
    }

    [Fact]
    public void A_member_that_leaves_on_30_june_pays_member_prices_to_june_and_non_member_prices_from_july()
    {
        // CC du Val de Somme: last day as a member 30/06/2026.
        var sheet = Apply(Subscribe(ValDeSomme(leavesAfter: D(2026, 6, 30)), CoffreFort(), 10, D(2025, 1, 1)), 2026);

        Assert.Equal(
            Enumerable.Repeat(PriceList.Member, 6).Concat(Enumerable.Repeat(PriceList.NonMember, 6)),
            Lists(sheet));
    }

    [Fact]
    public void A_member_that_leaves_mid_month_keeps_member_prices_for_that_month_since_it_was_a_member_on_the_1st()
    {
        var sheet = Apply(Subscribe(ValDeSomme(leavesAfter: D(2026, 6, 15)), CoffreFort(), 10, D(2025, 1, 1)), 2026);

        Assert.Equal(PriceList.Member, sheet.Months.Single(m => m.Month == D(2026, 6, 1)).PriceList);
        Assert.Equal(PriceList.NonMember, sheet.Months.Single(m => m.Month == D(2026, 7, 1)).PriceList);
    }

    [Fact]
    public void A_commune_gets_member_prices_from_the_month_its_epci_joins()
    {
        // CC du Ternois joins on 01/03/2025: Vitz-sur-Authie pays non-member prices in January and February.
        var sheet = Apply(Subscribe(VitzSurAuthie(ternoisJoins: D(2025, 3, 1)), CoffreFort(), 10, D(2025, 1, 1)), 2025);

        Assert.Equal(
            Enumerable.Repeat(PriceList.NonMember, 2).Concat(Enumerable.Repeat(PriceList.Member, 10)),
            Lists(sheet));
    }
}
