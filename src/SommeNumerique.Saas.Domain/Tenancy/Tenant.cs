using SommeNumerique.Saas.Domain.TenantIsolation;
using System.Globalization;
using SommeNumerique.Saas.Domain.Catalogue;

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
    private readonly List<EpciLink> _epciLinks = [];

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

    /// <summary>A commune's dated links to its EPCI (communes change EPCI); <see cref="ParentEpciId"/> is the latest one.</summary>
    public IReadOnlyList<EpciLink> EpciLinks => _epciLinks;

    public static Tenant Create(TenantKind kind, string name, Siren siren, string? inseeCode = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new FieldRuleException("name", "Le nom de la collectivité est obligatoire.");
        if (siren.Value is null) throw new FieldRuleException("siren", "Le SIREN de la collectivité est obligatoire.");
        var insee = CheckInseeCode(kind, inseeCode);
        return new Tenant(Guid.NewGuid(), kind, name.Trim(), siren, insee);
    }

    /// <summary>
    /// A commune has an INSEE code (5 characters: 2 digits or 2A/2B, then 3 digits); a CCAS or a SIVU may give the
    /// code of its commune; the Département and the EPCI have none.
    /// </summary>
    private static string? CheckInseeCode(TenantKind kind, string? inseeCode)
    {
        var insee = TextValues.Blank(inseeCode)?.Trim().ToUpperInvariant();
        if (kind == TenantKind.Commune && insee is null)
            throw new FieldRuleException("inseeCode", "Une commune a un code INSEE.");
        if (insee is not null && (kind == TenantKind.Departement || kind.IsEpci()))
            throw new FieldRuleException("inseeCode", $"Un code INSEE de commune ne s'applique pas à : {kind.Label().ToLowerInvariant()}.");
        if (insee is not null && !IsInseeCode(insee))
            throw new FieldRuleException("inseeCode", $"Le code INSEE « {inseeCode} » n'est pas valide : 5 caractères (2 chiffres, ou 2A / 2B, puis 3 chiffres).");
        return insee;
    }

    public static bool IsInseeCode(string code) =>
        code.Length == 5 && code[2..].All(char.IsAsciiDigit)
        && (code[..2].All(char.IsAsciiDigit) || code[..2] is "2A" or "2B");

    /// <summary>Staff correct the identity of a tenant: name, kind, INSEE code, SIRET (checked against the SIREN).</summary>
    public void ChangeIdentity(TenantKind kind, string name, string? inseeCode, string? siret)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new FieldRuleException("name", "Le nom de la collectivité est obligatoire.");
        if (kind != Kind && (kind == TenantKind.Commune) != (Kind == TenantKind.Commune))
            throw new FieldRuleException("kind", "Une commune reste une commune, et une autre collectivité ne devient pas une commune.");
        if (kind != Kind && (kind.IsEpci() != Kind.IsEpci() || (kind == TenantKind.Departement) != (Kind == TenantKind.Departement)))
            throw new FieldRuleException("kind", $"{Kind.Label()} ne peut pas devenir : {kind.Label().ToLowerInvariant()}.");
        var insee = CheckInseeCode(kind, inseeCode);
        var compact = TextValues.Blank(siret)?.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (compact is not null && !Siren.IsSiretOf(compact))
            throw new FieldRuleException("siret", $"Le SIRET « {siret} » n'est pas valide : 14 chiffres commençant par le SIREN {Siren.Value}, avec une clé de contrôle juste.");
        Kind = kind;
        Name = name.Trim();
        InseeCode = insee;
        Siret = compact;
    }

    public bool IsMemberOn(DateOnly date) => _memberships.Any(m => m.Covers(date));

    /// <summary>
    /// Legal population recorded for <paramref name="year"/> exactly; null when that year is missing. Another year's
    /// figure is never used instead: billing sets the charge aside for staff (domain rule).
    /// </summary>
    public int? PopulationFor(int year) =>
        _populations.FirstOrDefault(p => p.ReferenceYear == year)?.Population;

    /// <summary>The EPCI the commune belonged to on <paramref name="date"/> (its dated links; the undated one when it has none).</summary>
    public Guid? EpciOn(DateOnly date) =>
        _epciLinks.Count == 0 ? ParentEpciId : _epciLinks.FirstOrDefault(l => l.Covers(date))?.EpciId;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Le nom de la collectivité est obligatoire.");
        Name = name.Trim();
    }

    /// <summary>
    /// Sets the commune's current EPCI (reference data import). The first link has no start date; a different EPCI
    /// afterwards is a dated change from <paramref name="changedOn"/> (see <see cref="ChangeEpci"/>).
    /// </summary>
    public void AttachToEpci(Tenant epci, DateOnly? changedOn = null, string reason = "Découpage administratif (Etalab)")
    {
        if (!epci.Kind.IsEpci()) throw new DomainException($"{epci.Name} n'est pas un EPCI.");
        if (Kind != TenantKind.Commune) throw new DomainException("Seule une commune est rattachée à un EPCI.");
        if (ParentEpciId == epci.Id) return;
        if (ParentEpciId is null && _epciLinks.Count == 0)
        {
            _epciLinks.Add(new EpciLink(DateOnly.MinValue, null, epci.Id, reason));
            ParentEpciId = epci.Id;
            return;
        }
        ChangeEpci(epci, changedOn ?? DateOnly.FromDateTime(DateTime.UtcNow), reason);
    }

    /// <summary>
    /// The commune belongs to <paramref name="epci"/> from <paramref name="from"/> (a merger, a change of EPCI): the
    /// current link ends the day before. Refused when a link already starts on or after that date.
    /// </summary>
    public void ChangeEpci(Tenant epci, DateOnly from, string reason)
    {
        if (Kind != TenantKind.Commune) throw new FieldRuleException("epciId", "Seule une commune est rattachée à un EPCI.");
        if (!epci.Kind.IsEpci()) throw new FieldRuleException("epciId", $"{epci.Name} n'est pas un EPCI.");
        if (string.IsNullOrWhiteSpace(reason)) throw new FieldRuleException("reason", "Indiquez le motif du rattachement (arrêté préfectoral, fusion...).");
        if (_epciLinks.Count == 0 && ParentEpciId is { } undated)
            _epciLinks.Add(new EpciLink(DateOnly.MinValue, null, undated, "Rattachement antérieur"));
        var open = _epciLinks.SingleOrDefault(l => l.Until is null);
        if (_epciLinks.Any(l => l.From >= from))
            throw new FieldRuleException("from", $"Un rattachement commence déjà le {FrenchText.Day(_epciLinks.Max(l => l.From))} ou après : le changement doit être daté après lui.");
        if (open is not null && open.EpciId == epci.Id)
            throw new FieldRuleException("epciId", $"{Name} est déjà rattachée à {epci.Name}.");
        if (open is not null) _epciLinks[_epciLinks.IndexOf(open)] = open with { Until = from.AddDays(-1) };
        _epciLinks.Add(new EpciLink(from, null, epci.Id, reason.Trim()));
        ParentEpciId = epci.Id;
    }

    /// <summary>Records membership from <paramref name="from"/>; refused if it overlaps a recorded period.</summary>
    public void JoinSyndicate(DateOnly from, string source, Deliberation? deliberation = null)
    {
        var overlapping = _memberships.FirstOrDefault(m => m.Until is null || m.Until >= from);
        if (overlapping is not null)
            throw new FieldRuleException("from", overlapping.Until is null
                ? $"{Name} est déjà membre depuis le {FrenchText.Day(overlapping.From)} : une nouvelle adhésion au {FrenchText.Day(from)} chevaucherait l'adhésion en cours."
                : $"{Name} est membre jusqu'au {FrenchText.Day(overlapping.Until.Value)} : une adhésion au {FrenchText.Day(from)} chevaucherait cette période.");
        _memberships.Add(new MembershipPeriod(from, null, source) { JoinDeliberation = deliberation });
    }

    /// <summary>Ends the current membership; <paramref name="lastDay"/> is the last day as a member.</summary>
    public void LeaveSyndicate(DateOnly lastDay, Deliberation? deliberation = null)
    {
        var open = _memberships.SingleOrDefault(m => m.Until is null)
            ?? throw new FieldRuleException("lastDay", $"{Name} n'est pas membre : il n'y a pas d'adhésion en cours à clore.");
        if (lastDay < open.From)
            throw new FieldRuleException("lastDay", $"La fin d'adhésion ({FrenchText.Day(lastDay)}) précède son début ({FrenchText.Day(open.From)}).");
        // A new period (EF replaces the owned row): its deliberations are copies, never shared with the period replaced.
        _memberships[_memberships.IndexOf(open)] = open with
        {
            Until = lastDay,
            JoinDeliberation = open.JoinDeliberation is { } joined ? joined with { } : null,
            LeaveDeliberation = deliberation is null ? null : deliberation with { },
        };
    }

    public const int FirstPopulationYear = 1990;
    public const int LastPopulationYear = 2100;

    /// <summary>Records (or corrects) the legal population of a reference year. Returns whether anything changed.</summary>
    public bool RecordPopulation(int referenceYear, int population, string? source = null)
    {
        if (population < 0) throw new FieldRuleException("population", "La population ne peut pas être négative.");
        if (referenceYear is < FirstPopulationYear or > LastPopulationYear)
            throw new FieldRuleException("year", $"L'année de référence doit être comprise entre {FirstPopulationYear} et {LastPopulationYear}.");
        var origin = TextValues.Blank(source)?.Trim() ?? "";
        if (origin.Length > 300) throw new FieldRuleException("source", "La source compte au plus 300 caractères.");
        var existing = _populations.FindIndex(p => p.ReferenceYear == referenceYear);
        if (existing >= 0)
        {
            // The same figure with the same source changes nothing; a new source (a correction of where it comes from) is kept.
            if (_populations[existing].Population == population && _populations[existing].Source == origin) return false;
            _populations[existing] = new PopulationRecord(referenceYear, population, origin);
            return true;
        }
        _populations.Add(new PopulationRecord(referenceYear, population, origin));
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
