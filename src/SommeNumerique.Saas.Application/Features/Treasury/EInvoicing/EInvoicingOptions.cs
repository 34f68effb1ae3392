namespace SommeNumerique.Saas.Application.Features.Treasury.EInvoicing;

/// <summary>
/// Configuration section <c>EInvoicing</c>: what the EN 16931 e-invoices (UBL 2.1) need beyond the seller's
/// identity (<see cref="Invoicing.SellerOptions"/>).
/// </summary>
public sealed class EInvoicingOptions
{
    public const string Section = "EInvoicing";

    /// <summary>Chorus Pro <i>cadre de facturation</i> (EN 16931 BT-23, UBL ProfileID); A1 = invoice deposited by a supplier.</summary>
    public string CadreDeFacturation { get; set; } = "A1";

    /// <summary>IBAN of the account payments go to (the public accountant's); without it no credit-transfer means is written.</summary>
    public string? SellerIban { get; set; }

    /// <summary>BIC of that account (optional).</summary>
    public string? SellerBic { get; set; }
}
