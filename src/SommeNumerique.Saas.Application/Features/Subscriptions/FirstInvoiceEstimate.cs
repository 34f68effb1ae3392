using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Subscriptions;

/// <summary>A line of the first invoice as shown in a quote, before the subscription exists.</summary>
public sealed record EstimatedLine(string Label, decimal AmountHt, decimal VatRate);

/// <summary>
/// What the first invoice of a new subscription will contain: the lines the billing pipeline gives for the
/// first billing period, from the start month on (the same rules, hence the same lines, as the billing run).
/// </summary>
public sealed record FirstInvoiceEstimate(
    BillingPeriod Period, int BilledMonths, IReadOnlyList<EstimatedLine> Lines, decimal TotalHt, decimal TotalVat, decimal TotalTtc)
{
    public static FirstInvoiceEstimate Empty(BillingPeriod period, DateOnly start) =>
        new(period, period.MonthsFrom(start).Count(), [], 0m, 0m, 0m);

    /// <summary>The estimate from the priced first charge; VAT per rate on the rounded lines, as on an invoice.</summary>
    public static FirstInvoiceEstimate From(BillingPeriod period, DateOnly start, ChargeResult charge)
    {
        var lines = charge.Lines.Select(l => new EstimatedLine(l.Label, l.AmountHt, l.VatRate)).ToList();
        var totalHt = lines.Sum(l => l.AmountHt);
        var totalVat = InvoiceTotals.TotalVat(lines.Select(l => (l.VatRate, l.AmountHt)));
        return new FirstInvoiceEstimate(period, period.MonthsFrom(start).Count(), lines, totalHt, totalVat, totalHt + totalVat);
    }
}
