using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Treasury.EInvoicing;

/// <summary>
/// An issued invoice or credit note as the EN 16931 semantic model sees it, every value ready to be written
/// (amounts rounded to the cent, identifiers with their scheme). Built by <see cref="EInvoices"/>, checked by
/// <see cref="EInvoiceTotalsCheck"/>, serialised by an <see cref="IUblInvoiceWriter"/>.
/// </summary>
public sealed record EInvoice
{
    public required bool IsCreditNote { get; init; }
    /// <summary>BT-23: the Chorus Pro cadre de facturation.</summary>
    public required string ProfileId { get; init; }
    /// <summary>BT-1 (at most 20 characters for Chorus Pro).</summary>
    public required string Number { get; init; }
    public required DateOnly IssueDate { get; init; }
    /// <summary>BT-9: invoices only.</summary>
    public DateOnly? DueDate { get; init; }
    /// <summary>BT-22 notes, some subject-coded ("#PMD#...").</summary>
    public required IReadOnlyList<string> Notes { get; init; }
    /// <summary>BT-10: Chorus Pro code service exécutant.</summary>
    public string? BuyerReference { get; init; }
    /// <summary>BT-13: Chorus Pro numéro d'engagement juridique.</summary>
    public string? OrderReference { get; init; }
    public required DateOnly PeriodStart { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    /// <summary>BG-3, credit notes: the credited invoice's number and issue date.</summary>
    public string? PrecedingInvoiceNumber { get; init; }
    public DateOnly? PrecedingInvoiceIssueDate { get; init; }
    public required EInvoiceParty Seller { get; init; }
    public required EInvoiceParty Buyer { get; init; }
    /// <summary>BT-84: IBAN for a credit transfer (payment means 30); none written when null.</summary>
    public string? PayeeIban { get; init; }
    public string? PayeeBic { get; init; }
    /// <summary>BT-20 payment terms.</summary>
    public required string PaymentTerms { get; init; }
    public required IReadOnlyList<EInvoiceTaxSubtotal> TaxSubtotals { get; init; }
    /// <summary>BT-106 = BT-109 (no document-level allowances or charges).</summary>
    public required decimal LineExtensionAmount { get; init; }
    public required decimal TaxAmount { get; init; }
    /// <summary>BT-112 = BT-115 (nothing prepaid).</summary>
    public required decimal TaxInclusiveAmount { get; init; }
    public required IReadOnlyList<EInvoiceLine> Lines { get; init; }
}

/// <summary>A party: identifiers are written only when known.</summary>
public sealed record EInvoiceParty
{
    /// <summary>BT-27 / BT-44 (at most 99 characters for Chorus Pro).</summary>
    public required string Name { get; init; }
    /// <summary>BT-29 / BT-46: the SIRET (scheme 0009).</summary>
    public string? Siret { get; init; }
    /// <summary>BT-30 / BT-47 and its scheme: 0009 (SIRET) or 0002 (SIREN).</summary>
    public string? LegalId { get; init; }
    public string? LegalIdScheme { get; init; }
    /// <summary>BT-31: written only when the document has VAT-able lines (BR-O-02 forbids it otherwise).</summary>
    public string? VatNumber { get; init; }
    public string? Street { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public string CountryCode { get; init; } = "FR";
}

/// <summary>BG-23: one VAT category of the document.</summary>
public sealed record EInvoiceTaxSubtotal(EInvoiceTaxCategory Category, decimal TaxableAmount, decimal TaxAmount);

/// <summary>
/// A VAT category: code S with its rate in percent, or O (not subject: no rate, an exemption reason and code).
/// </summary>
public sealed record EInvoiceTaxCategory(string Code, decimal? Percent, string? ExemptionReasonCode, string? ExemptionReason)
{
    public static readonly EInvoiceTaxCategory NotSubject = new("O", null, "VATEX-EU-O", "Hors champ de la TVA");

    public static EInvoiceTaxCategory Of(VatCategory category, decimal rate) => category switch
    {
        VatCategory.Standard => new EInvoiceTaxCategory("S", rate * 100m, null, null),
        VatCategory.OutOfScope => NotSubject,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>The rate as a fraction (0.20), zero for category O.</summary>
    public decimal Rate => (Percent ?? 0m) / 100m;
}

/// <summary>
/// BG-25: a line. <see cref="Quantity"/> × <see cref="Price"/> = <see cref="NetAmount"/>; the price is never
/// negative (BR-27): a negative line (a gratuity, a cap) has quantity −1.
/// </summary>
public sealed record EInvoiceLine(int Id, decimal Quantity, string UnitCode, decimal NetAmount, string Name, EInvoiceTaxCategory TaxCategory, decimal Price);
