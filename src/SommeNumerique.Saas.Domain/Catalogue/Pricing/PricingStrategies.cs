namespace SommeNumerique.Saas.Domain.Catalogue.Pricing;

/// <summary>
/// The strategy of each pricing model. A new model is one <see cref="PricingStrategy"/> class, its line here,
/// its tests and its field in the catalogue file.
/// </summary>
public static class PricingStrategies
{
    public static readonly PricingStrategy PerUnitPerYear = new PerUnitPerYearPricing();
    public static readonly PricingStrategy PerInhabitantPerYear = new PerInhabitantPerYearPricing();
    public static readonly PricingStrategy FlatPerSitePerYear = new FlatPerSitePerYearPricing();

    public static PricingStrategy For(PricingModel model) => model switch
    {
        PricingModel.PerUnitPerYear => PerUnitPerYear,
        PricingModel.PerInhabitantPerYear => PerInhabitantPerYear,
        PricingModel.FlatPerSitePerYear => FlatPerSitePerYear,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };
}
