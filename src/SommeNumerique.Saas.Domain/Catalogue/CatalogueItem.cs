using SommeNumerique.Saas.Domain.TenantIsolation;
using SommeNumerique.Saas.Domain.Accounting;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>A part of a service or pack with its own commitment (pack cybersécurité: antivirus 36 months, vault 12).</summary>
public sealed record ServiceComponent(string Code, string Name, int CommitmentMonths);

/// <summary>
/// A service of the syndicate's catalogue (grille tarifaire): what it is, its components and commitments,
/// who may subscribe, how it is billed, and its offers with their voted tariffs. Global data: every tenant
/// reads the catalogue (at its own price).
/// </summary>
public sealed class CatalogueItem : ISharedAcrossTenants
{
    private readonly List<ServiceComponent> _components = [];
    private readonly List<Offer> _offers = [];

    private CatalogueItem() { Code = Name = UnitLabel = NatureAccount = ""; Eligibility = EligibilityRules.Anyone; }

    public Guid Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? Description { get; private set; }
    /// <summary>What one unit is (coffre, agent, site public, habitant...).</summary>
    public string UnitLabel { get; private set; }
    /// <summary>The seed document the facts come from.</summary>
    public string? Source { get; private set; }
    /// <summary>"Gratuit la première année pour toute première souscription d'une collectivité".</summary>
    public bool FirstYearFree { get; private set; }
    public EligibilityRules Eligibility { get; private set; }
    public BillingAlignment BillingAlignment { get; private set; } = BillingAlignment.CalendarYear;
    /// <summary>An EPCI may subscribe on behalf of all its member communes (and is billed).</summary>
    public bool EpciMaySubscribeForCommunes { get; private set; }
    /// <summary>Accounting imputation of the revenue (compte de nature), used by the treasury exports.</summary>
    public string NatureAccount { get; private set; }
    /// <summary>The budget its revenue belongs to (contributions and ENT: principal; every other service: annexe).</summary>
    public Budget Budget { get; private set; } = Budget.Annexe;
    public IReadOnlyList<ServiceComponent> Components => _components;
    public IReadOnlyList<Offer> Offers => _offers;

    /// <summary>The commitment of a subscription: the longest of the components'.</summary>
    public int CommitmentMonths => _components.Count == 0 ? 0 : _components.Max(c => c.CommitmentMonths);

    public static CatalogueItem Create(string code, string name, string unitLabel, string natureAccount)
    {
        var item = new CatalogueItem { Id = Guid.NewGuid() };
        item.Describe(code, name, null, unitLabel, null);
        item.SetAccounting(natureAccount);
        return item;
    }

    public void Describe(string code, string name, string? description, string unitLabel, string? source)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Le nom du service est obligatoire.");
        if (string.IsNullOrWhiteSpace(unitLabel)) throw new DomainException("L'unité de facturation est obligatoire (coffre, agent, site...).");
        Code = CatalogueCodes.Normalize(code);
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        UnitLabel = unitLabel.Trim();
        Source = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
    }

    public void SetRules(bool firstYearFree, EligibilityRules eligibility, BillingAlignment alignment, bool epciMaySubscribeForCommunes)
    {
        if (eligibility.MaxWorkstationsExclusive is < 1) throw new DomainException("La limite de postes doit être d'au moins 1.");
        FirstYearFree = firstYearFree;
        Eligibility = eligibility;
        BillingAlignment = alignment;
        EpciMaySubscribeForCommunes = epciMaySubscribeForCommunes;
    }

    public void SetAccounting(string natureAccount)
    {
        var account = (natureAccount ?? "").Trim();
        if (account.Length is < 2 or > 10 || !account.All(char.IsAsciiDigit))
            throw new DomainException("Le compte de nature est un numéro de 2 à 10 chiffres (ex. 706).");
        NatureAccount = account;
    }

    public void SetComponents(IEnumerable<ServiceComponent> components)
    {
        var list = components.Select(c => c with { Code = CatalogueCodes.Normalize(c.Code), Name = c.Name.Trim() }).ToList();
        if (list.Any(c => c.CommitmentMonths is < 0 or > 120)) throw new DomainException("Un engagement va de 0 à 120 mois.");
        if (list.Any(c => string.IsNullOrWhiteSpace(c.Name))) throw new DomainException("Chaque composant a un nom.");
        if (list.Select(c => c.Code).Distinct().Count() != list.Count) throw new DomainException("Deux composants ont le même code.");
        _components.Clear();
        _components.AddRange(list);
    }

    public Offer AddOffer(string code, string name, string? description = null)
    {
        var offer = Offer.Create(code, name, description);
        if (_offers.Any(o => o.Code == offer.Code)) throw new DomainException($"L'offre {offer.Code} existe déjà.");
        _offers.Add(offer);
        return offer;
    }

    public void RenameOffer(Guid offerId, string code, string name, string? description)
    {
        var offer = OfferById(offerId);
        var normalized = CatalogueCodes.Normalize(code);
        if (_offers.Any(o => o.Id != offerId && o.Code == normalized)) throw new DomainException($"L'offre {normalized} existe déjà.");
        offer.Rename(normalized, name, description);
    }

    public Offer OfferById(Guid offerId) =>
        _offers.SingleOrDefault(o => o.Id == offerId) ?? throw new DomainException("Offre introuvable dans ce service.");
}
