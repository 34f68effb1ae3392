using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue.Pricing;

/// <summary>Flat per site per year (data/catalogue.json: the FTTH offers): sites × the list's price, members only.</summary>
public class FlatPerSitePerYearPricingTests
{
    private static readonly PricingStrategy Strategy = PricingStrategies.For(PricingModel.FlatPerSitePerYear);

    private static TariffVersion Exclusive100M() => TariffVersion.Create(new TariffTerms
    {
        Deliberation = new Deliberation("Comité syndical", null, "Contribution annuelle GFU fibre dédiée (rapport d'activité 2019)"),
        EffectiveFrom = new DateOnly(2019, 1, 1),
        Model = PricingModel.FlatPerSitePerYear,
        Vat = VatCategory.Standard,
        MemberPrice = 840.00m,
    });

    [Fact]
    public void It_is_the_strategy_of_the_flat_per_site_model()
    {
        Assert.IsType<FlatPerSitePerYearPricing>(Strategy);
        Assert.Equal(PricingModel.FlatPerSitePerYear, Strategy.Model);
    }

    [Fact]
    public void Sites_times_the_flat_price()
    {
        var price = Strategy.Price(Exclusive100M(), CatalogueTenants.Cachy(), PriceList.Member, 3, 2026);

        // 3 sites × 840.00 = 2 520.00 € HT a year.
        Assert.Equal((840.00m, 3, 2520.00m, 2520.00m), (price.UnitPrice, price.Quantity, price.BaseHt, price.AnnualHt));
        Assert.False(price.PerInhabitant);
    }

    [Fact]
    public void A_non_member_cannot_be_priced()
    {
        var price = Strategy.Price(Exclusive100M(), CatalogueTenants.VitzSurAuthie(), PriceList.NonMember, 1, 2026);

        Assert.Equal(PricingFailure.NoPriceForList, price.Failure);
        Assert.Null(Strategy.UnitPriceOf(Exclusive100M(), PriceList.NonMember));
    }
}
