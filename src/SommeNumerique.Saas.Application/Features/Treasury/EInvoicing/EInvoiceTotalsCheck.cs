using SommeNumerique.Saas.Domain.Catalogue;
namespace SommeNumerique.Saas.Application.Features.Treasury.EInvoicing;

/// <summary>
/// Checks an e-invoice to the cent, from its lines, before it leaves: the EN 16931 Schematron tolerates a VAT
/// amount wrong by less than one euro (BR-CO-17), this check does not. Per VAT category, base = Σ line net amounts
/// and VAT = base × rate rounded half away from zero to the cent; total VAT = Σ; TTC = HT + VAT; every figure
/// must equal what the document says and what the invoice stored. A mismatch is a bug, never a user error:
/// it throws <see cref="InvalidOperationException"/>.
/// </summary>
public static class EInvoiceTotalsCheck
{
    public static void Verify(EInvoice document, decimal storedHt, decimal storedVat, decimal storedTtc)
    {
        var errors = new List<string>();
        foreach (var line in document.Lines)
        {
            if (line.NetAmount != Money.Round(line.NetAmount)) errors.Add($"line {line.Id}: net amount {line.NetAmount} is not in cents");
            if (line.Price < 0) errors.Add($"line {line.Id}: negative price {line.Price}");
            if (line.Quantity * line.Price != line.NetAmount)
                errors.Add($"line {line.Id}: {line.Quantity} × {line.Price} ≠ {line.NetAmount}");
        }

        var expected = document.Lines.GroupBy(l => l.TaxCategory)
            .Select(g =>
            {
                var taxable = g.Sum(l => l.NetAmount);
                return new EInvoiceTaxSubtotal(g.Key, taxable, Money.Round(taxable * g.Key.Rate));
            })
            .ToDictionary(s => s.Category);
        if (document.TaxSubtotals.Count != expected.Count || document.TaxSubtotals.Select(s => s.Category).Distinct().Count() != expected.Count)
            errors.Add($"{document.TaxSubtotals.Count} VAT breakdowns for {expected.Count} VAT categories on the lines");
        foreach (var subtotal in document.TaxSubtotals)
        {
            if (!expected.TryGetValue(subtotal.Category, out var computed))
                errors.Add($"VAT breakdown {subtotal.Category.Code} has no line");
            else if (computed != subtotal)
                errors.Add($"VAT {subtotal.Category.Code} {subtotal.Category.Percent}: base {subtotal.TaxableAmount} / VAT {subtotal.TaxAmount}, lines give {computed.TaxableAmount} / {computed.TaxAmount}");
        }

        var ht = document.Lines.Sum(l => l.NetAmount);
        var vat = expected.Values.Sum(s => s.TaxAmount);
        var ttc = ht + vat;
        Compare(errors, "total HT", ht, document.LineExtensionAmount, storedHt);
        Compare(errors, "total VAT", vat, document.TaxAmount, storedVat);
        Compare(errors, "total TTC", ttc, document.TaxInclusiveAmount, storedTtc);
        if (errors.Count > 0)
            throw new InvalidOperationException($"E-invoice {document.Number} does not add up to the cent: {string.Join("; ", errors)}.");
    }

    private static void Compare(List<string> errors, string what, decimal computed, decimal written, decimal stored)
    {
        if (computed != written || computed != stored)
            errors.Add($"{what}: computed from the lines {computed}, written {written}, stored {stored}");
    }

    /// <summary>Rounded half away from zero to the cent.</summary>
}
