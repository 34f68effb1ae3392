using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Catalogue.Pricing;

/// <summary>
/// <see cref="PricingModel.PerInhabitantPerYear"/>: the tenant's rate (its own if the deliberation names it, else
/// that of its kind) × its legal population of the year, rounded, then the floor or cap. Same for both price lists.
/// </summary>
public sealed class PerInhabitantPerYearPricing : PricingStrategy
{
    public override PricingModel Model => PricingModel.PerInhabitantPerYear;

    public override decimal? UnitPriceOf(TariffVersion version, PriceList list) => 0m;

    public override AnnualPrice Price(TariffVersion version, Tenant tenant, PriceList list, int units, int year)
    {
        if (version.RateFor(tenant) is not { } rate) return AnnualPrice.Failed(PricingFailure.NoRateForTenant);
        if (tenant.PopulationFor(year) is not { } population) return AnnualPrice.Failed(PricingFailure.PopulationNotRecorded);
        var baseHt = BaseHt(rate, population);
        return new AnnualPrice
        {
            UnitPrice = rate,
            Quantity = population,
            PerInhabitant = true,
            BaseHt = baseHt,
            Limit = FloorAndCap.For(version, baseHt),
        };
    }
}
