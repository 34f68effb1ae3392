namespace SommeNumerique.Saas.Application.Features.Invoicing;

/// <summary>
/// Everything printed on an invoice or a credit note (avoir), already computed and rounded: the PDF renderer
/// lays it out and computes nothing. Built from an issued invoice by <c>InvoiceDocuments.From</c>.
/// </summary>
public sealed record InvoiceDocument
{
    /// <summary>"Facture" or "Avoir".</summary>
    public required string Title { get; init; }
    /// <summary>FAC-2025-000123 or AV-2025-000004.</summary>
    public required string Number { get; init; }
    public required DateOnly IssueDate { get; init; }
    public required DateOnly DueDate { get; init; }
    /// <summary>Period of service (période de facturation).</summary>
    public required DateOnly PeriodStart { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public required InvoiceParty Seller { get; init; }
    public required InvoiceParty Buyer { get; init; }
    public required IReadOnlyList<InvoiceDocumentLine> Lines { get; init; }
    /// <summary>VAT per rate, computed on the rounded HT lines.</summary>
    public required IReadOnlyList<InvoiceVatBreakdown> VatBreakdown { get; init; }
    public required decimal TotalHt { get; init; }
    public required decimal TotalVat { get; init; }
    public required decimal TotalTtc { get; init; }
    /// <summary>A credit note: the number of the invoice it corrects, and why.</summary>
    public string? CreditedInvoiceNumber { get; init; }
    public string? Reason { get; init; }
    /// <summary>Legal mentions printed at the bottom (payment terms, late-payment rules, "TVA non applicable"...).</summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];
}

/// <summary>Seller or buyer identity as printed.</summary>
public sealed record InvoiceParty(
    string Name, string? Siren, string? Siret, string? VatNumber, IReadOnlyList<string> AddressLines, string? Contact);

/// <summary>
/// A printed line. Rule lines (gratuity, setup fee, floor) have no quantity nor unit price.
/// <see cref="VatMention"/> is "TVA 20 %" or "TVA non applicable".
/// </summary>
public sealed record InvoiceDocumentLine(
    string Label, decimal? Quantity, decimal? UnitPriceHt, decimal VatRate, string VatMention, decimal AmountHt);

public sealed record InvoiceVatBreakdown(decimal Rate, string Mention, decimal BaseHt, decimal Vat);

/// <summary>Lays an invoice document out as a PDF (Infrastructure/Invoicing/Pdf).</summary>
public interface IInvoicePdfRenderer
{
    byte[] Render(InvoiceDocument document);
}
