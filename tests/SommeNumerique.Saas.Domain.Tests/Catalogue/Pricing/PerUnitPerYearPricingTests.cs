using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue.Pricing;

/// <summary>Per unit per year: units × the list's annual price (COFFRE-FORT 35 / 40 € HT, FTTH-INITIALE 460 € HT members only).</summary>
public class PerUnitPerYearPricingTests
{
    private static readonly PricingStrategy Strategy = PricingStrategies.For(PricingModel.PerUnitPerYear);
    private static TariffVersion Vault() => VotedCatalogue.CoffreFort().Offers[0].Versions[0];

    [Fact]
    public void It_is_the_strategy_of_the_per_unit_model()
    {
        Assert.IsType<PerUnitPerYearPricing>(Strategy);
        Assert.Equal(PricingModel.PerUnitPerYear, Strategy.Model);
    }

    [Theory]
    [InlineData(PriceList.Member, 10, 35.00, 350.00)]
    [InlineData(PriceList.NonMember, 10, 40.00, 400.00)]
    [InlineData(PriceList.Member, 1, 35.00, 35.00)]
    public void Units_times_the_price_of_the_list(PriceList list, int units, double unitPrice, double annual)
    {
        var price = Strategy.Price(Vault(), CatalogueTenants.Cachy(), list, units, 2026);

        Assert.True(price.Priced);
        Assert.False(price.PerInhabitant);
        Assert.Equal((decimal)unitPrice, price.UnitPrice);
        Assert.Equal(units, price.Quantity);
        Assert.Equal((decimal)annual, price.BaseHt);
        Assert.Equal((decimal)annual, price.AnnualHt);
        Assert.Equal(PriceLimit.None, price.Limit);
    }

    [Fact]
    public void The_unit_price_of_a_list_is_known_before_the_quantity()
    {
        Assert.Equal(35.00m, Strategy.UnitPriceOf(Vault(), PriceList.Member));
        Assert.Equal(40.00m, Strategy.UnitPriceOf(Vault(), PriceList.NonMember));
    }

    [Fact]
    public void A_non_member_list_without_price_cannot_be_priced()
    {
        // FTTH-INITIALE (VotedCatalogue writes it per unit): 460 € HT for members, no non-member price.
        var ftth = VotedCatalogue.Find("FTTH-INITIALE").Offer.VersionInForceOn(new DateOnly(2026, 1, 1))!;

        var price = Strategy.Price(ftth, CatalogueTenants.VitzSurAuthie(), PriceList.NonMember, 1, 2026);

        Assert.False(price.Priced);
        Assert.Equal(PricingFailure.NoPriceForList, price.Failure);
        Assert.Null(Strategy.UnitPriceOf(ftth, PriceList.NonMember));
        Assert.Equal(460.00m, Strategy.Price(ftth, CatalogueTenants.Cachy(), PriceList.Member, 1, 2026).AnnualHt);
    }

    [Fact]
    public void The_population_does_not_matter()
    {
        var withPopulation = Strategy.Price(Vault(), CatalogueTenants.Amiens(), PriceList.Member, 3, 2026);
        var withoutYear = Strategy.Price(Vault(), CatalogueTenants.Amiens(), PriceList.Member, 3, 1990);

        Assert.Equal(withPopulation, withoutYear);
        Assert.Equal(105.00m, withoutYear.AnnualHt);
    }
}
