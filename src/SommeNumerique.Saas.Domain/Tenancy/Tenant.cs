using System.Globalization;

namespace SommeNumerique.Saas.Domain.Tenancy;

/// <summary>
/// A customer of the syndicate: a commune, an EPCI, the Département or another public body.
/// Tenants are global reference data (every user may see the tenants' public identity), so the entity
/// itself is shared; what a tenant owns (subscriptions, invoices, users) is isolated.
/// </summary>
public sealed class Tenant : ISharedAcrossTenants
{
    private readonly List<MembershipPeriod> _memberships = [];
    private readonly List<PopulationRecord> _populations = [];

    private Tenant(Guid id, TenantKind kind, string name, Siren siren, string? inseeCode)
    {
        Id = id;
        Kind = kind;
        Name = name;
        Siren = siren;
        InseeCode = inseeCode;
    }

    public Guid Id { get; private set; }
    public TenantKind Kind { get; private set; }
    public string Name { get; private set; }
    public Siren Siren { get; private set; }

    /// <summary>Code officiel géographique (INSEE) of a commune; null for other kinds.</summary>
    public string? InseeCode { get; private set; }

    /// <summary>The EPCI a commune belongs to (its intercommunalité).</summary>
    public Guid? ParentEpciId { get; private set; }

    /// <summary>Workstation count (postes) declared by the tenant; some offers are limited by it.</summary>
    public int? DeclaredWorkstations { get; private set; }

    public PostalAddress? BillingAddress { get; private set; }
    public BillingContact? BillingContact { get; private set; }

    /// <summary>
    /// SIRET of the establishment billed (14 digits, starting with the SIREN): the buyer identifier that
    /// Chorus Pro and Hélios require (EN 16931 BT-46/BT-47, PES IdTiers).
    /// </summary>
    public string? Siret { get; private set; }

    /// <summary>Chorus Pro <i>code service exécutant</i> (EN 16931 BT-10), when the tenant requires one.</summary>
    public string? ChorusServiceCode { get; private set; }

    /// <summary>Chorus Pro <i>numéro d'engagement juridique</i> (EN 16931 BT-13), when the tenant requires one.</summary>
    public string? ChorusEngagementNumber { get; private set; }

    public IReadOnlyList<MembershipPeriod> Memberships => _memberships;
    public IReadOnlyList<PopulationRecord> Populations => _populations;

    public static Tenant Create(TenantKind kind, string name, Siren siren, string? inseeCode = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Le nom de la collectivité est obligatoire.");
        if (siren.Value is null) throw new DomainException("Le SIREN de la collectivité est obligatoire.");
        if (kind == TenantKind.Commune && string.IsNullOrWhiteSpace(inseeCode))
            throw new DomainException("Une commune a un code INSEE.");
        return new Tenant(Guid.NewGuid(), kind, name.Trim(), siren, inseeCode);
    }

    public bool IsMemberOn(DateOnly date) => _memberships.Any(m => m.Covers(date));

    /// <summary>Legal population used for <paramref name="year"/>: the latest reference year not after it.</summary>
    public int? PopulationFor(int year) =>
        _populations.Where(p => p.ReferenceYear <= year).MaxBy(p => p.ReferenceYear)?.Population
        ?? _populations.MinBy(p => p.ReferenceYear)?.Population;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Le nom de la collectivité est obligatoire.");
        Name = name.Trim();
    }

    public void AttachToEpci(Tenant epci)
    {
        if (!epci.Kind.IsEpci()) throw new DomainException($"{epci.Name} n'est pas un EPCI.");
        if (Kind != TenantKind.Commune) throw new DomainException("Seule une commune est rattachée à un EPCI.");
        ParentEpciId = epci.Id;
    }

    /// <summary>Records membership from <paramref name="from"/>; refused if it overlaps a recorded period.</summary>
    public void JoinSyndicate(DateOnly from, string source)
    {
        if (_memberships.Any(m => m.Until is null || m.Until >= from))
            throw new DomainException($"{Name} est déjà membre à la date du {FrenchText.Day(from)}.");
        _memberships.Add(new MembershipPeriod(from, null, source));
    }

    /// <summary>Ends the current membership; <paramref name="lastDay"/> is the last day as a member.</summary>
    public void LeaveSyndicate(DateOnly lastDay)
    {
        var open = _memberships.SingleOrDefault(m => m.Until is null)
            ?? throw new DomainException($"{Name} n'est pas membre.");
        if (lastDay < open.From) throw new DomainException("La fin d'adhésion précède son début.");
        _memberships[_memberships.IndexOf(open)] = open with { Until = lastDay };
    }

    /// <summary>Records (or corrects) the legal population of a reference year. Returns whether anything changed.</summary>
    public bool RecordPopulation(int referenceYear, int population)
    {
        if (population < 0) throw new DomainException("La population ne peut pas être négative.");
        var existing = _populations.FindIndex(p => p.ReferenceYear == referenceYear);
        if (existing >= 0)
        {
            if (_populations[existing].Population == population) return false;
            _populations[existing] = new PopulationRecord(referenceYear, population);
            return true;
        }
        _populations.Add(new PopulationRecord(referenceYear, population));
        return true;
    }

    public void DeclareWorkstations(int count)
    {
        if (count < 0) throw new DomainException("Le nombre de postes ne peut pas être négatif.");
        DeclaredWorkstations = count;
    }

    public void SetBillingDetails(PostalAddress? address, BillingContact? contact)
    {
        BillingAddress = address;
        BillingContact = contact;
    }

    /// <summary>The identifiers public-sector e-invoicing asks of the buyer (all optional; blank clears).</summary>
    public void SetPublicBuyerReferences(string? siret, string? chorusServiceCode, string? chorusEngagementNumber)
    {
        var compact = TextValues.Blank(siret)?.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (compact is not null && !Siren.IsSiretOf(compact))
            throw new DomainException($"Le SIRET « {siret} » n'est pas valide : 14 chiffres commençant par le SIREN {Siren.Value}, avec une clé de contrôle juste.");
        var service = TextValues.Blank(chorusServiceCode);
        if (service is { Length: > 100 }) throw new DomainException("Le code service compte au plus 100 caractères.");
        var engagement = TextValues.Blank(chorusEngagementNumber);
        if (engagement is { Length: > 50 }) throw new DomainException("Le numéro d'engagement compte au plus 50 caractères.");
        Siret = compact;
        ChorusServiceCode = service;
        ChorusEngagementNumber = engagement;
    }

}
