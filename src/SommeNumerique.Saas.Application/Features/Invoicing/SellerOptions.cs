namespace SommeNumerique.Saas.Application.Features.Invoicing;

/// <summary>
/// Configuration section <c>Seller</c>: the syndicate's identity printed on invoices (appsettings.json;
/// to be confirmed by the treasury before production, see README).
/// </summary>
public sealed class SellerOptions
{
    public const string Section = "Seller";

    public string Name { get; set; } = "Syndicat mixte Somme Numérique";
    public string? Siren { get; set; }
    public string? Siret { get; set; }
    public string? VatNumber { get; set; }
    public List<string> AddressLines { get; set; } = [];
    /// <summary>Structured address for the e-invoices (optional: else read from <see cref="AddressLines"/>, last line "80000 Amiens").</summary>
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? Contact { get; set; }
    /// <summary>Payment details printed in the mentions (the public accountant's account).</summary>
    public string? PaymentInstructions { get; set; }
}
