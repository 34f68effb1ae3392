using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges;

/// <summary>
/// The work in progress of one charge, filled in by the pipeline rules in order. Mutable on purpose: it
/// lives for one charge, and a national run prices hundreds of thousands of them.
/// </summary>
public sealed class ChargeSheet
{
    /// <summary>The months due (every started month of service in the range), in order.</summary>
    public List<ChargeMonth> Months { get; } = new(12);

    public List<ChargeLine> Lines { get; } = new(4);

    /// <summary>Why the charge cannot be billed (not eligible, no tariff...): later rules do nothing.</summary>
    public string? SetAsideReason { get; private set; }

    public bool IsSetAside => SetAsideReason is not null;

    public void SetAside(string reason) => SetAsideReason ??= reason;
}

/// <summary>One billed month: its price list and tariff, the units still to bill, and their amount.</summary>
public sealed class ChargeMonth(DateOnly month)
{
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; } = month;
    public PriceList PriceList { get; set; }
    public TariffVersion? Version { get; set; }
    /// <summary>Units still to bill this month (subscribed minus already billed); per-inhabitant: 1.</summary>
    public int Units { get; set; }
    /// <summary>Annual HT price of one unit (per-inhabitant: rate × population, rounded), before floor/cap.</summary>
    public decimal AnnualUnitPrice { get; set; }
    /// <summary>Per-inhabitant tariffs: the population and rate used.</summary>
    public int? Population { get; set; }
    public decimal? Rate { get; set; }
    /// <summary>Amount HT of the month, not rounded yet (annual price × units / 12).</summary>
    public decimal AmountHt { get; set; }
}

/// <summary>A line of the charge, as the rules build it; rounded by the last rule.</summary>
public sealed class ChargeLine
{
    public required ChargeLineKind Kind { get; init; }
    public required string Label { get; set; }
    public required TariffVersion Version { get; init; }
    public required DateOnly FromMonth { get; init; }
    public required DateOnly ToMonth { get; init; }
    public int MonthCount { get; init; }
    /// <summary>Service: units billed each month; setup fee: blocks.</summary>
    public int Units { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? UnitPriceHt { get; init; }
    public PriceList PriceList { get; init; }
    public decimal AmountHt { get; set; }
    public VatCategory VatCategory { get; set; }
    public decimal VatRate { get; set; }
}
