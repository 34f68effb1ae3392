using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// The VAT of each line of an invoice, for the PES lines (MtTVA). The invoice's VAT is computed once per
/// rate on the sum of the lines (see <see cref="InvoiceTotals"/>); each line gets its own rounded VAT, and the
/// rounding difference of a rate is spread cent by cent over its largest lines, so that the lines of a rate
/// add up exactly to the invoice's VAT of that rate.
/// </summary>
public static class PesLineVat
{
    /// <summary>VAT per line position.</summary>
    public static IReadOnlyDictionary<int, decimal> Distribute(IEnumerable<InvoiceLine> lines)
    {
        var result = new Dictionary<int, decimal>();
        foreach (var rate in lines.GroupBy(l => (l.VatRate, l.VatCategory)))
        {
            var rateLines = rate.ToList();
            var target = Money.Round(rateLines.Sum(l => l.AmountHt) * rate.Key.VatRate);
            foreach (var line in rateLines) result[line.Position] = Money.Round(line.AmountHt * rate.Key.VatRate);
            var difference = target - rateLines.Sum(l => result[l.Position]);
            var step = difference > 0 ? 0.01m : -0.01m;
            foreach (var line in rateLines.OrderByDescending(l => Math.Abs(l.AmountHt)).ThenBy(l => l.Position).Cycle())
            {
                if (difference == 0) break;
                result[line.Position] += step;
                difference -= step;
            }
        }
        return result;
    }

    private static IEnumerable<T> Cycle<T>(this IEnumerable<T> items)
    {
        var list = items.ToList();
        while (list.Count > 0)
            foreach (var item in list) yield return item;
    }
}
