namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>A floor or cap that changed the computed amount, shown as its own line.</summary>
public sealed record PriceAdjustment(string Label, decimal AmountHt);

/// <summary>The setup fee of a quantity: started blocks times the fee of the price list.</summary>
public sealed record SetupFeeQuote(int Blocks, int BlockSize, decimal UnitAmountHt, decimal AmountHt, decimal Vat, decimal AmountTtc);

/// <summary>
/// The price of an offer for a tenant, a quantity and a date: which tariff and price list, the annual
/// amount HT / VAT / TTC, the setup fee, and whether the tenant may subscribe (with the reason when not).
/// When no price can be given (no tariff in force, no price for that list, unknown population),
/// <see cref="Priced"/> is false and <see cref="Reason"/> says why.
/// </summary>
public sealed record PriceQuote
{
    public required string OfferCode { get; init; }
    /// <summary>First day of the month the price is taken on (tariff version and membership).</summary>
    public required DateOnly PricedOn { get; init; }
    public required PriceList PriceList { get; init; }
    public required string PriceListReason { get; init; }
    public required bool Eligible { get; init; }
    public string? Reason { get; init; }
    public bool Priced => Version is not null && AnnualHt is not null;

    public TariffVersion? Version { get; init; }
    public int Quantity { get; init; }
    /// <summary>Per-inhabitant models: the population used; per-unit models: null.</summary>
    public int? Population { get; init; }
    /// <summary>Annual price HT per unit, or rate per inhabitant.</summary>
    public decimal? UnitPriceHt { get; init; }
    /// <summary>Unit price times quantity (or rate times population), rounded, before floor or cap.</summary>
    public decimal? BaseHt { get; init; }
    public PriceAdjustment? Adjustment { get; init; }
    public decimal? AnnualHt { get; init; }
    public decimal VatRate { get; init; }
    public decimal? AnnualVat { get; init; }
    public decimal? AnnualTtc { get; init; }
    /// <summary>Display only: the annual amount HT divided by 12 (the annual price is authoritative).</summary>
    public decimal? MonthlyHt { get; init; }
    public SetupFeeQuote? SetupFee { get; init; }
}
