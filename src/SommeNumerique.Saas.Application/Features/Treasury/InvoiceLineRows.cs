using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>Turns issued invoices and credit notes into CSV rows, one per line, reading the database as it goes.</summary>
public static class InvoiceLineRows
{
    public static async IAsyncEnumerable<InvoiceLineCsvRow> Of(IQueryable<Invoice> invoices, [EnumeratorCancellation] CancellationToken ct)
    {
        var ordered = invoices.AsNoTracking()
            .Where(i => i.Status != InvoiceStatus.Draft)
            .OrderBy(i => i.NumberYear).ThenBy(i => i.Kind).ThenBy(i => i.SequenceNumber);
        await foreach (var invoice in ordered.AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var row in Of(invoice)) yield return row;
        }
    }

    public static IEnumerable<InvoiceLineCsvRow> Of(Invoice invoice)
    {
        var lines = invoice.Lines.OrderBy(l => l.Position).ToList();
        var vat = InvoiceTotals.VatPerLine(lines);
        var sign = invoice.Kind == InvoiceKind.CreditNote ? -1m : 1m;
        var document = Invoicing.InvoiceView.KindLabelOf(invoice.Kind);
        var period = new Domain.Billing.BillingPeriod(invoice.PeriodStart, invoice.PeriodEnd).Label;
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            yield return new InvoiceLineCsvRow(
                invoice.Buyer.Name, invoice.Buyer.Siren, document, invoice.Number!, invoice.IssueDate!.Value, invoice.DueDate!.Value, period,
                l.Position, l.ItemCode, l.Label, l.Quantity, l.UnitPriceHt, sign * l.AmountHt, l.VatRate * 100m, sign * vat[i],
                sign * (l.AmountHt + vat[i]), l.NatureAccount);
        }
    }
}
