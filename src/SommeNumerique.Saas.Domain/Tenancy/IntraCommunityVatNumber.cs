namespace SommeNumerique.Saas.Domain.Tenancy;

/// <summary>
/// The French intra-EU VAT number of an entity, computed from its SIREN: "FR", a two-digit key
/// (12 + 3 × (SIREN mod 97)) mod 97, then the SIREN (258 004 365 → FR55258004365).
/// </summary>
public static class IntraCommunityVatNumber
{
    public static string FromSiren(Siren siren)
    {
        if (siren.Value is null) throw new ArgumentException("SIREN manquant.", nameof(siren));
        var key = (12 + 3 * (long.Parse(siren.Value, System.Globalization.CultureInfo.InvariantCulture) % 97)) % 97;
        return $"FR{key:00}{siren.Value}";
    }

    /// <summary>Whether <paramref name="candidate"/> (spaces ignored) is the VAT number that follows from <paramref name="siren"/>.</summary>
    public static bool IsOf(string? candidate, Siren siren) =>
        string.Equals(candidate?.Replace(" ", string.Empty, StringComparison.Ordinal), FromSiren(siren), StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The syndicate's own identity as the seeds give it (SIREN from the prefecture acts' identifier
/// 080-258004365-…, seed 003; seat from seed 002): the defaults of the seller on invoices, each overridable by
/// configuration (<c>Seller:*</c>) and to be confirmed by the treasury. SIRET (NIC) and the accountant's
/// identifiers are not in the seeds.
/// </summary>
public static class SyndicateIdentity
{
    public const string Name = "Syndicat mixte Somme Numérique";
    public const string Siren = "258004365";
    public const string Street = "43 avenue d'Italie";
    public const string PostalCode = "80090";
    public const string City = "Amiens";

    public static string VatNumber => IntraCommunityVatNumber.FromSiren(Tenancy.Siren.Parse(Siren));
}
