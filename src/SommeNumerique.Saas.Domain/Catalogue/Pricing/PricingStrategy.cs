using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Catalogue.Pricing;

/// <summary>
/// The arithmetic of one pricing model (one class per <see cref="PricingModel"/>, found by
/// <see cref="PricingStrategies.For"/>): the catalogue price, the quote and billing all price through it.
/// Pure and stateless.
/// </summary>
public abstract class PricingStrategy
{
    private protected PricingStrategy() { }

    public abstract PricingModel Model { get; }

    /// <summary>
    /// The annual HT price of one unit of <paramref name="list"/>, known before quantity and population; null when
    /// the version does not sell to that list. Per inhabitant: 0, the amount being rate × population (<see cref="Price"/>).
    /// </summary>
    public abstract decimal? UnitPriceOf(TariffVersion version, PriceList list);

    /// <summary>The price of <paramref name="units"/> for a year (<paramref name="year"/>: the population's year, per inhabitant).</summary>
    public abstract AnnualPrice Price(TariffVersion version, Tenant tenant, PriceList list, int units, int year);

    /// <summary>Unit price (or rate) × quantity (or population), rounded to the cent: the base of every model.</summary>
    public static decimal BaseHt(decimal unitPrice, decimal quantity) => Money.Round(unitPrice * quantity);
}
