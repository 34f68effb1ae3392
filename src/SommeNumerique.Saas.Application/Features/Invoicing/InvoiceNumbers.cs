using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Invoicing;

/// <summary>
/// Issues invoices or credit notes with the next numbers of their series and year, in the caller's
/// transaction: the numbers are saved with the invoices or not at all (see <see cref="InvoiceNumberSequence"/>).
/// </summary>
public static class InvoiceNumbers
{
    public static async Task IssueAsync(ISaasDbContext db, IReadOnlyList<Invoice> drafts, DateOnly issueDate, CancellationToken ct)
    {
        foreach (var group in drafts.GroupBy(d => d.Kind))
        {
            var series = InvoiceSeries.Of(group.Key);
            var sequence = await SequenceAsync(db, series, issueDate.Year, ct);
            var next = sequence.Take(group.Count());
            foreach (var invoice in group) invoice.Issue(next++, issueDate);
        }
    }

    /// <summary>The sequence row of a series and year, created (unsaved) the first time it is needed.</summary>
    public static async Task<InvoiceNumberSequence> SequenceAsync(ISaasDbContext db, string series, int year, CancellationToken ct)
    {
        var sequence = await db.InvoiceNumberSequences.FindAsync([series, year], ct);
        if (sequence is null)
        {
            sequence = new InvoiceNumberSequence(series, year);
            db.InvoiceNumberSequences.Add(sequence);
        }
        return sequence;
    }
}
