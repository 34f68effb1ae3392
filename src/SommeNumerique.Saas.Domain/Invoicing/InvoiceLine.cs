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

    /// <summary>
    /// The VAT of each line (in the order given), for documents that show VAT per line (CSV, PES lines): each
    /// rate's VAT of <see cref="VatByRate"/> shared out over its lines in proportion to their HT, the cents
    /// left by rounding going to the lines with the largest remainders, so that the lines of a rate always
    /// add up to that rate's VAT exactly.
    /// </summary>
    public static decimal[] VatPerLine(IReadOnlyList<InvoiceLine> lines)
    {
        var result = new decimal[lines.Count];
        foreach (var rate in lines.Select((line, index) => (line, index)).GroupBy(x => (x.line.VatRate, x.line.VatCategory)))
        {
            var members = rate.ToList();
            var target = Money.Round(members.Sum(m => m.line.AmountHt) * rate.Key.VatRate);
            var exact = members.Select(m => m.line.AmountHt * rate.Key.VatRate).ToList();
            var floored = exact.Select(v => Math.Floor(v * 100m) / 100m).ToList();
            var cents = (int)((target - floored.Sum()) * 100m);
            var order = Enumerable.Range(0, members.Count)
                .OrderByDescending(i => exact[i] - floored[i]).ThenBy(i => members[i].index).ToList();
            for (var k = 0; k < members.Count; k++)
            {
                var i = order[k];
                var share = cents > 0 && k < cents ? 0.01m : cents < 0 && k < -cents ? -0.01m : 0m;
                result[members[i].index] = floored[i] + share;
            }
            // More cents to give than lines (never with a VAT rate below 100 %): the first line takes the rest.
            var rest = target - members.Sum(m => result[m.index]);
            if (rest != 0) result[members[order[0]].index] += rest;
        }
        return result;
    }

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
