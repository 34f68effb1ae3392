using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue.Pricing;

/// <summary>Every pricing model has its strategy (adding a model without one fails here).</summary>
public class PricingStrategiesTests
{
    public static TheoryData<PricingModel> Models() => new(Enum.GetValues<PricingModel>());

    [Theory]
    [MemberData(nameof(Models))]
    public void Each_model_has_its_own_strategy(PricingModel model)
    {
        var strategy = PricingStrategies.For(model);

        Assert.Equal(model, strategy.Model);
        Assert.Same(strategy, PricingStrategies.For(model));
    }

    [Fact]
    public void The_strategies_are_distinct()
    {
        var types = Enum.GetValues<PricingModel>().Select(m => PricingStrategies.For(m).GetType()).ToList();

        Assert.Equal(types.Count, types.Distinct().Count());
    }

    [Fact]
    public void An_unknown_model_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PricingStrategies.For((PricingModel)99));
    }

    [Theory]
    [InlineData(0.07, 22395, 1567.65)]
    [InlineData(0.0725, 22395, 1623.64)]
    [InlineData(35.00, 10, 350.00)]
    public void The_base_is_price_times_quantity_rounded(double unitPrice, int quantity, double baseHt)
    {
        Assert.Equal((decimal)baseHt, PricingStrategy.BaseHt((decimal)unitPrice, quantity));
    }
}
