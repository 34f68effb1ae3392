using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue.Pricing;

/// <summary>Floor 50.00 and cap 5 000.00 € HT (DEMAT-FLUX-COMPTABLES): the difference to the base, or nothing between them.</summary>
public class FloorAndCapTests
{
    private static TariffVersion Demat() => VotedCatalogue.DematFluxComptables().Offers[0].Versions[0];

    [Theory]
    [InlineData(2.80, PriceLimitKind.Floor, 50.00, 47.20)]
    [InlineData(49.99, PriceLimitKind.Floor, 50.00, 0.01)]
    [InlineData(9310.00, PriceLimitKind.Cap, 5000.00, -4310.00)]
    [InlineData(5000.01, PriceLimitKind.Cap, 5000.00, -0.01)]
    public void Outside_the_limits_the_difference_is_added(double baseHt, PriceLimitKind kind, double limit, double difference)
    {
        Assert.Equal(new PriceLimit(kind, (decimal)limit, (decimal)difference), FloorAndCap.For(Demat(), (decimal)baseHt));
    }

    [Theory]
    [InlineData(50.00)]
    [InlineData(1567.65)]
    [InlineData(5000.00)]
    public void At_or_between_the_limits_nothing_applies(double baseHt)
    {
        Assert.Equal(PriceLimit.None, FloorAndCap.For(Demat(), (decimal)baseHt));
    }

    [Fact]
    public void A_tariff_without_floor_nor_cap_never_adjusts()
    {
        var cotisation = VotedCatalogue.Cotisation().Offers[0].Versions[0];

        Assert.Equal(PriceLimit.None, FloorAndCap.For(cotisation, 0.01m));
        Assert.Equal(PriceLimit.None, FloorAndCap.For(cotisation, 1_000_000m));
        Assert.Equal("", PriceLimit.None.Name);
    }
}
