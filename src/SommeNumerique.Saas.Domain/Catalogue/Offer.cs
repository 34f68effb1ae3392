using SommeNumerique.Saas.Domain.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;
using System.Globalization;

namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>
/// A way to buy a catalogue item (e.g. FTTH "offre initiale" or "offre exclusive 100 Mb"), with its tariff
/// history. Published offers are visible to tenants and must have a tariff in force.
/// </summary>
public sealed class Offer : ISharedAcrossTenants
{
    private readonly List<TariffVersion> _versions = [];

    private Offer() { Code = Name = ""; }

    public Guid Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? Description { get; private set; }
    public bool IsPublished { get; private set; }
    public int MinQuantity { get; private set; } = 1;
    public int? MaxQuantity { get; private set; }
    public IReadOnlyList<TariffVersion> Versions => _versions;

    internal static Offer Create(string code, string name, string? description)
    {
        var offer = new Offer { Id = Guid.NewGuid() };
        offer.Rename(code, name, description);
        return offer;
    }

    internal void Rename(string code, string name, string? description)
    {
        Code = CatalogueCodes.Normalize(code);
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Le nom de l'offre est obligatoire.");
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    public void SetQuantityLimits(int min, int? max)
    {
        if (min < 1) throw new DomainException("La quantité minimale est d'au moins 1.");
        if (max is { } m && m < min) throw new DomainException("La quantité maximale est inférieure à la quantité minimale.");
        MinQuantity = min;
        MaxQuantity = max;
    }

    /// <summary>The version in force on <paramref name="day"/> (the latest effective on or before it).</summary>
    public TariffVersion? VersionInForceOn(DateOnly day)
    {
        TariffVersion? inForce = null; // a plain loop: billing asks this for every month of every charge
        foreach (var v in _versions)
            if (v.EffectiveFrom <= day && (inForce is null || v.EffectiveFrom > inForce.EffectiveFrom)) inForce = v;
        return inForce;
    }

    /// <summary>
    /// Adds a voted tariff. History is append-only: a version cannot take effect on or before the last one
    /// already recorded (withdraw a scheduled one first), so the past never changes under issued invoices.
    /// </summary>
    public void AddVersion(TariffVersion version)
    {
        var latest = _versions.MaxBy(v => v.EffectiveFrom);
        if (latest is not null && version.EffectiveFrom <= latest.EffectiveFrom)
            throw new DomainException(
                $"Un tarif entre déjà en vigueur le {FrenchText.Day(latest.EffectiveFrom)} : la nouvelle version doit prendre effet après cette date.");
        _versions.Add(version);
    }

    /// <summary>Withdraws a version that is not in force yet (scheduled for after <paramref name="today"/>).</summary>
    public TariffVersion WithdrawScheduledVersion(Guid versionId, DateOnly today)
    {
        var version = _versions.SingleOrDefault(v => v.Id == versionId)
            ?? throw new DomainException("Version de tarif introuvable pour cette offre.");
        if (version.EffectiveFrom <= today)
            throw new DomainException("Un tarif déjà entré en vigueur ne peut plus être modifié ni retiré : votez une nouvelle version.");
        if (IsPublished && VersionInForceOn(today) is null)
            throw new DomainException("Retirez d'abord l'offre de la publication.");
        _versions.Remove(version);
        return version;
    }

    /// <summary>
    /// Publishes the offer; refused while no tariff is in force on the first day of the current month, since
    /// a month is always priced with the tariff in force on its first day.
    /// </summary>
    public void Publish(DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        if (VersionInForceOn(month) is not null)
        {
            IsPublished = true;
            return;
        }
        var next = _versions.Where(v => v.EffectiveFrom > month).MinBy(v => v.EffectiveFrom);
        if (next is null)
            throw new DomainException($"L'offre {Code} n'a pas de tarif en vigueur : ajoutez une version de tarif avant de la publier.");
        var firstPricedMonth = next.EffectiveFrom.Day == 1 ? next.EffectiveFrom : new DateOnly(next.EffectiveFrom.Year, next.EffectiveFrom.Month, 1).AddMonths(1);
        throw new DomainException(
            $"Le tarif de l'offre {Code} s'applique à partir du {FrenchText.Day(next.EffectiveFrom)} : un mois est facturé au tarif en vigueur le 1er du mois, " +
            $"l'offre pourra donc être publiée à partir du {FrenchText.Day(firstPricedMonth)}.");
    }

    public void Retire() => IsPublished = false;
}

/// <summary>Catalogue codes: upper-case letters, digits and dashes (COFFRE-FORT, FTTH-EXCLUSIVE-100M).</summary>
public static class CatalogueCodes
{
    public static string Normalize(string code)
    {
        var normalized = (code ?? "").Trim().ToUpperInvariant();
        if (normalized.Length is < 2 or > 40 || !normalized.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new DomainException($"Le code « {code} » n'est pas valide : 2 à 40 caractères parmi A-Z, 0-9 et « - ».");
        return normalized;
    }
}
