using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Domain.Invoicing;

/// <summary>What an invoice line stands for: the service itself, or a rule that changed the amount.</summary>
public enum ChargeLineKind
{
    /// <summary>The service for a range of months (quantity × annual price, prorated by month).</summary>
    Service = 1,
    /// <summary>"Gratuité première année": minus the free months (negative).</summary>
    FirstYearGratuity = 2,
    /// <summary>Frais de mise en service, per started block of N units.</summary>
    SetupFee = 3,
    /// <summary>Minimum de perception / plafond of a per-inhabitant tariff.</summary>
    FloorOrCap = 4,
}

/// <summary>
/// A line of an invoice or credit note, rounded to the cent. Besides what is printed, it keeps what the
/// billing run needs to never bill twice: the subscription, the months covered and the units billed
/// (service lines), the setup blocks billed (setup-fee lines).
/// </summary>
public sealed record InvoiceLine
{
    public required int Position { get; init; }
    public required ChargeLineKind Kind { get; init; }
    public required string Label { get; init; }
    public Guid? SubscriptionId { get; init; }
    public required string ItemCode { get; init; }
    public required string OfferCode { get; init; }
    /// <summary>Accounting imputation (compte de nature) of the item, for treasury exports.</summary>
    public required string NatureAccount { get; init; }
    /// <summary>First day of the first and last months covered.</summary>
    public DateOnly? FromMonth { get; init; }
    public DateOnly? ToMonth { get; init; }
    /// <summary>Service lines: units billed for each month of the range; setup-fee lines: blocks billed.</summary>
    public int Units { get; init; }
    /// <summary>Printed quantity (units, or inhabitants for per-inhabitant tariffs); null on rule lines.</summary>
    public decimal? Quantity { get; init; }
    /// <summary>Printed annual unit price HT (or rate per inhabitant); null on rule lines.</summary>
    public decimal? UnitPriceHt { get; init; }
    public required VatCategory VatCategory { get; init; }
    public required decimal VatRate { get; init; }
    public required decimal AmountHt { get; init; }
    /// <summary>On a credit note: the position of the invoice line it cancels.</summary>
    public int? CreditsPosition { get; init; }
}

/// <summary>VAT of one rate on an invoice: computed once on the sum of the rounded HT lines.</summary>
public sealed record VatTotal(decimal Rate, VatCategory Category, decimal BaseHt, decimal Vat);

public static class InvoiceTotals
{
    /// <summary>VAT per rate on the rounded lines (the domain rule), each rate's VAT rounded half away from zero.</summary>
    /// <summary>The VAT of lines not yet on an invoice (a quote's estimate), by the same rule.</summary>
    public static decimal TotalVat(IEnumerable<(decimal VatRate, decimal AmountHt)> lines) =>
        lines.GroupBy(l => l.VatRate).Sum(g => Money.Round(g.Sum(l => l.AmountHt) * g.Key));

    public static IReadOnlyList<VatTotal> VatByRate(IEnumerable<InvoiceLine> lines) =>
        lines.GroupBy(l => (l.VatRate, l.VatCategory))
            .OrderByDescending(g => g.Key.VatRate)
            .Select(g =>
            {
                var baseHt = g.Sum(l => l.AmountHt);
                return new VatTotal(g.Key.VatRate, g.Key.VatCategory, baseHt, Money.Round(baseHt * g.Key.VatRate));
            })
            .ToList();
}
