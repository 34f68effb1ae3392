using SommeNumerique.Saas.Domain.Tenancy;

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

    /// <summary>
    /// Fills what configuration leaves blank with the syndicate's identity from the seeds
    /// (<see cref="SyndicateIdentity"/>): SIREN, seat address, and the VAT number computed from the SIREN in use
    /// (a configured SIREN gives its own VAT number). Run after binding, so that a fresh install issues valid
    /// e-invoices; every value stays overridable (to be confirmed by the treasury).
    /// </summary>
    public static void ApplySeedDefaults(SellerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Name)) options.Name = SyndicateIdentity.Name;
        if (string.IsNullOrWhiteSpace(options.Siren)) options.Siren = SyndicateIdentity.Siren;
        if (string.IsNullOrWhiteSpace(options.VatNumber) && Domain.Tenancy.Siren.TryParse(options.Siren, out var siren))
            options.VatNumber = IntraCommunityVatNumber.FromSiren(siren);
        if (!options.AddressLines.Any(l => !string.IsNullOrWhiteSpace(l)))
        {
            options.AddressLines = [options.Name, SyndicateIdentity.Street, $"{SyndicateIdentity.PostalCode} {SyndicateIdentity.City}"];
            options.Street ??= SyndicateIdentity.Street;
            options.PostalCode ??= SyndicateIdentity.PostalCode;
            options.City ??= SyndicateIdentity.City;
        }
    }
}
