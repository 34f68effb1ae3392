using SommeNumerique.Saas.Domain.TenantIsolation;
using System.Globalization;

namespace SommeNumerique.Saas.Domain.Invoicing;

/// <summary>The numbering series: invoices (FAC) and credit notes (avoirs, AV), each gapless per year.</summary>
public static class InvoiceSeries
{
    public const string Invoice = "FAC";
    public const string CreditNote = "AV";

    public static string Of(InvoiceKind kind) => kind == InvoiceKind.CreditNote ? CreditNote : Invoice;

    /// <summary>FAC-2025-000123.</summary>
    public static string Format(string series, int year, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{series}-{year}-{number:000000}");
}

/// <summary>
/// The last number given in a series and year. Numbers are taken from it in the transaction that issues
/// the invoices, and the row is a concurrency token: two transactions cannot take the same numbers, and a
/// rolled-back transaction gives its numbers back, so the series has no gap.
/// </summary>
public sealed class InvoiceNumberSequence : TenantIsolation.ISharedAcrossTenants
{
    private InvoiceNumberSequence() { Series = ""; }

    public InvoiceNumberSequence(string series, int year)
    {
        Series = series;
        Year = year;
    }

    public string Series { get; private set; }
    public int Year { get; private set; }
    public long LastNumber { get; private set; }

    /// <summary>Takes the next <paramref name="count"/> numbers; returns the first one.</summary>
    public long Take(int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count));
        var first = LastNumber + 1;
        LastNumber += count;
        return first;
    }
}
