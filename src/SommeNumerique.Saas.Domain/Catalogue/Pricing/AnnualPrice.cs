namespace SommeNumerique.Saas.Domain.Catalogue.Pricing;

/// <summary>
/// What a pricing strategy answers for one year: the unit price (or rate), the quantity (units or population),
/// the base amount (rounded), the floor or cap, and the annual amount HT; or why it cannot price.
/// A struct: billing asks for it for every line of a national run.
/// </summary>
public readonly record struct AnnualPrice
{
    public PricingFailure Failure { get; init; }
    /// <summary>Annual HT price of one unit, or rate per inhabitant.</summary>
    public decimal UnitPrice { get; init; }
    /// <summary>Units, or population.</summary>
    public int Quantity { get; init; }
    /// <summary>True when <see cref="Quantity"/> is a population and <see cref="UnitPrice"/> a rate.</summary>
    public bool PerInhabitant { get; init; }
    /// <summary>Unit price × quantity, rounded to the cent, before floor or cap.</summary>
    public decimal BaseHt { get; init; }
    public PriceLimit Limit { get; init; }

    public bool Priced => Failure == PricingFailure.None;

    /// <summary>The annual amount HT: the base, or the floor (cap) it was raised (lowered) to.</summary>
    public decimal AnnualHt => Limit.Kind == PriceLimitKind.None ? BaseHt : Limit.Amount;

    public static AnnualPrice Failed(PricingFailure failure) => new() { Failure = failure };
}
