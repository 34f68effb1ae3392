using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Catalogue.Pricing;

/// <summary>A price per unit per year from the price list: units × the list's price. No floor nor cap.</summary>
public abstract class UnitPricing : PricingStrategy
{
    private protected UnitPricing() { }

    public sealed override decimal? UnitPriceOf(TariffVersion version, PriceList list) => version.UnitPrice(list);

    public sealed override AnnualPrice Price(TariffVersion version, Tenant tenant, PriceList list, int units, int year) =>
        version.UnitPrice(list) is { } price
            ? new AnnualPrice { UnitPrice = price, Quantity = units, BaseHt = BaseHt(price, units) }
            : AnnualPrice.Failed(PricingFailure.NoPriceForList);
}

/// <summary><see cref="PricingModel.PerUnitPerYear"/>: per vault, agent, mailbox, pupil account...</summary>
public sealed class PerUnitPerYearPricing : UnitPricing
{
    public override PricingModel Model => PricingModel.PerUnitPerYear;
}

/// <summary><see cref="PricingModel.FlatPerSitePerYear"/>: a flat price per public site (FTTH offers).</summary>
public sealed class FlatPerSitePerYearPricing : UnitPricing
{
    public override PricingModel Model => PricingModel.FlatPerSitePerYear;
}
