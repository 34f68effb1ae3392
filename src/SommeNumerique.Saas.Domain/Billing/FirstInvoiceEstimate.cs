using System.Globalization;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Domain.Billing;

/// <summary>A line of an invoice as shown before it exists.</summary>
public sealed record EstimatedLine(string Label, decimal AmountHt, decimal VatRate);

/// <summary>What the first invoice of a new subscription will contain.</summary>
public sealed record FirstInvoiceEstimate(
    BillingPeriod Period, int BilledMonths, IReadOnlyList<EstimatedLine> Lines, decimal TotalHt, decimal TotalVat, decimal TotalTtc);

/// <summary>
/// Estimates the first invoice of a subscription from its quote: the months of the first billing period
/// from the start month on (every started month is due), the first-year gratuity as a negative line, the
/// setup fee; each line rounded to the cent, VAT per rate on the rounded lines. It uses the tariff of the
/// quote for the whole period; the billing run prices each month with the tariff in force on its first day.
/// </summary>
public static class FirstInvoice
{
    public static FirstInvoiceEstimate Estimate(PriceQuote quote, string unitLabel, DateOnly start, BillingAlignment alignment, DateOnly? gratuityEndsOn)
    {
        var period = BillingPeriod.Containing(start, alignment);
        var months = period.MonthsFrom(start).ToList();
        var lines = new List<EstimatedLine>();
        if (quote.AnnualHt is { } annual)
        {
            var amount = Money.Round(annual * months.Count / 12m);
            var quantityText = quote.Population is { } population
                ? $"{population.ToString("#,##0", CultureInfo.GetCultureInfo("fr-FR"))} habitants"
                : $"{quote.Quantity} × {unitLabel}";
            lines.Add(new EstimatedLine(
                $"{quote.OfferCode} — {quantityText}, {months.Count} mois du {Day(months[0])} au {Day(period.End)}", amount, quote.VatRate));
            var freeMonths = gratuityEndsOn is { } free ? months.Count(m => m <= free) : 0;
            if (freeMonths > 0)
                lines.Add(new EstimatedLine($"Gratuité première année ({freeMonths} mois)", -Money.Round(annual * freeMonths / 12m), quote.VatRate));
        }
        if (quote.SetupFee is { } fee)
            lines.Add(new EstimatedLine($"Frais de mise en service — {fee.Blocks} tranche(s) de {fee.BlockSize}", fee.AmountHt, quote.VatRate));

        var totalHt = lines.Sum(l => l.AmountHt);
        var totalVat = lines.GroupBy(l => l.VatRate).Sum(g => Money.Round(g.Sum(l => l.AmountHt) * g.Key));
        return new FirstInvoiceEstimate(period, months.Count, lines, totalHt, totalVat, totalHt + totalVat);
    }

    private static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
