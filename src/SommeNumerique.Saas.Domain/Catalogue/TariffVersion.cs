using SommeNumerique.Saas.Domain.TenantIsolation;
using System.Globalization;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>One-off setup fee per started block of <see cref="BlockSize"/> units (e.g. 75 € HT per block of 7 workstations).</summary>
public sealed record SetupFee(int BlockSize, decimal MemberAmount, decimal NonMemberAmount)
{
    public int BlocksFor(int quantity) => quantity <= 0 ? 0 : (quantity + BlockSize - 1) / BlockSize;
    public decimal AmountFor(PriceList list) => list == PriceList.Member ? MemberAmount : NonMemberAmount;
}

/// <summary>A per-inhabitant rate that a deliberation sets for one named payer (identified by SIREN).</summary>
public sealed record PayerRate(string Siren, string PayerName, decimal Rate);

/// <summary>What a deliberation decided for an offer; the input of <see cref="TariffVersion.Create"/>.</summary>
public sealed record TariffTerms
{
    public required Deliberation Deliberation { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    public required PricingModel Model { get; init; }
    public required VatCategory Vat { get; init; }
    /// <summary>Annual HT price per unit (or per site) for members and communes of member EPCI.</summary>
    public decimal? MemberPrice { get; init; }
    /// <summary>Annual HT price for everyone else; null when the offer is not sold to non-members.</summary>
    public decimal? NonMemberPrice { get; init; }
    public SetupFee? SetupFee { get; init; }
    /// <summary>Per-inhabitant models: minimum and maximum annual amount HT.</summary>
    public decimal? Floor { get; init; }
    public decimal? Cap { get; init; }
    public decimal? CommuneRate { get; init; }
    public decimal? EpciRate { get; init; }
    public decimal? DepartementRate { get; init; }
    public IReadOnlyList<PayerRate> PayerRates { get; init; } = [];
}

/// <summary>
/// A tariff of an offer, adopted by a deliberation and in force from <see cref="EffectiveFrom"/> until the
/// next version. A billed month uses the version in force on its first day. Versions are immutable; a
/// version not yet in force may be withdrawn and replaced.
/// </summary>
public sealed class TariffVersion : ISharedAcrossTenants
{
    private readonly List<PayerRate> _payerRates = [];

    private TariffVersion() { Deliberation = null!; }

    public Guid Id { get; private set; }
    public Deliberation Deliberation { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public PricingModel Model { get; private set; }
    public VatCategory Vat { get; private set; }
    public decimal? MemberPrice { get; private set; }
    public decimal? NonMemberPrice { get; private set; }
    public SetupFee? SetupFee { get; private set; }
    public decimal? Floor { get; private set; }
    public decimal? Cap { get; private set; }
    public decimal? CommuneRate { get; private set; }
    public decimal? EpciRate { get; private set; }
    public decimal? DepartementRate { get; private set; }
    public IReadOnlyList<PayerRate> PayerRates => _payerRates;

    public static TariffVersion Create(TariffTerms terms)
    {
        Validate(terms);
        var version = new TariffVersion
        {
            Id = Guid.NewGuid(),
            Deliberation = terms.Deliberation with { Body = terms.Deliberation.Body.Trim(), Reference = terms.Deliberation.Reference.Trim() },
            EffectiveFrom = terms.EffectiveFrom,
            Model = terms.Model,
            Vat = terms.Vat,
            MemberPrice = terms.MemberPrice,
            NonMemberPrice = terms.NonMemberPrice,
            SetupFee = terms.SetupFee,
            Floor = terms.Floor,
            Cap = terms.Cap,
            CommuneRate = terms.CommuneRate,
            EpciRate = terms.EpciRate,
            DepartementRate = terms.DepartementRate,
        };
        version._payerRates.AddRange(terms.PayerRates);
        return version;
    }

    /// <summary>Annual HT unit price of a price list; null when this version does not sell to that list.</summary>
    public decimal? UnitPrice(PriceList list) => list == PriceList.Member ? MemberPrice : NonMemberPrice;

    /// <summary>Per-inhabitant rate for a payer: its own rate if the deliberation names it, else the rate of its kind.</summary>
    public decimal? RateFor(Tenant tenant)
    {
        foreach (var payer in _payerRates) // a loop, not LINQ: billing asks this for every per-inhabitant charge
            if (payer.Siren == tenant.Siren.Value) return payer.Rate;
        return tenant.Kind switch
        {
            TenantKind.Commune => CommuneRate,
            TenantKind.Departement => DepartementRate,
            var k when k.IsEpci() => EpciRate,
            _ => null,
        };
    }

    private static void Validate(TariffTerms t)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(t.Deliberation.Body)) errors.Add("L'instance qui a délibéré est obligatoire.");
        if (string.IsNullOrWhiteSpace(t.Deliberation.Reference)) errors.Add("La référence de la délibération est obligatoire.");
        if (t.Deliberation.Date > t.EffectiveFrom) errors.Add("Un tarif ne peut pas entrer en vigueur avant la délibération qui l'adopte.");

        static bool Positive(decimal? v) => v is null || v > 0;
        static bool Cents(decimal? v) => v is null || v == Math.Round(v.Value, 2);
        if (!Cents(t.MemberPrice) || !Cents(t.NonMemberPrice) || !Cents(t.Floor) || !Cents(t.Cap)
            || (t.SetupFee is { } sf && (!Cents(sf.MemberAmount) || !Cents(sf.NonMemberAmount))))
            errors.Add("Un montant s'exprime en euros et centimes (2 décimales au plus).");
        if (new[] { t.CommuneRate, t.EpciRate, t.DepartementRate }.Concat(t.PayerRates.Select(p => (decimal?)p.Rate))
            .Any(r => r is { } rate && rate != Math.Round(rate, 4)))
            errors.Add("Un taux par habitant a 4 décimales au plus.");
        if (!Positive(t.MemberPrice) || !Positive(t.NonMemberPrice)) errors.Add("Un prix doit être strictement positif.");
        if (t.Floor is < 0 || t.Cap is < 0) errors.Add("Le minimum et le plafond ne peuvent pas être négatifs.");
        if (t.Floor is { } floor && t.Cap is { } cap && floor > cap)
            errors.Add($"Le minimum ({FrenchText.Euros(floor)}) dépasse le plafond ({FrenchText.Euros(cap)}).");
        if (t.SetupFee is { } fee && (fee.BlockSize < 1 || fee.MemberAmount <= 0 || fee.NonMemberAmount <= 0))
            errors.Add("Les frais de mise en service demandent une taille de tranche d'au moins 1 et des montants strictement positifs.");

        if (t.Model is PricingModel.PerUnitPerYear or PricingModel.FlatPerSitePerYear)
        {
            if (t.MemberPrice is null && t.NonMemberPrice is null) errors.Add("Indiquez au moins un prix (membre ou non-membre).");
            if (t.Floor is not null || t.Cap is not null) errors.Add("Le minimum et le plafond ne s'appliquent qu'aux tarifs par habitant.");
        }
        else
        {
            var rates = new[] { t.CommuneRate, t.EpciRate, t.DepartementRate }.Concat(t.PayerRates.Select(p => (decimal?)p.Rate)).ToList();
            if (rates.All(r => r is null)) errors.Add("Un tarif par habitant demande au moins un taux.");
            if (rates.Any(r => r is <= 0)) errors.Add("Un taux par habitant doit être strictement positif.");
            if (t.PayerRates.Any(p => !Siren.IsValid(p.Siren))) errors.Add("Un payeur nommé doit avoir un SIREN valide.");
        }
        if (errors.Count > 0) throw new DomainException(string.Join(" ", errors));
    }
}
