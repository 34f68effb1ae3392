using Bogus;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Bench;

/// <summary>
/// The generated part of the bench data, the same for both modes: which EPCI are members (outside the Somme every
/// tenant is a non-member, so a share of the national EPCI is made member here), and about five subscriptions per
/// tenant across every pricing model of the calendar-year catalogue, starting in 2024-2025.
/// Deterministic for a given seed and tenant list (Bogus, <see cref="Randomizer.Seed"/>).
/// </summary>
public sealed class BenchData
{
    public const string Source = "bench";

    /// <summary>Share of the EPCI (outside those the Somme membership file already makes members) made members.</summary>
    public double EpciMemberShare { get; init; } = 0.30;
    /// <summary>Share of the new member EPCI that join on 1 July 2025 (price list changes mid-period).</summary>
    public double MidYearJoinShare { get; init; } = 0.10;
    /// <summary>Share of the communes that are direct members.</summary>
    public double CommuneMemberShare { get; init; } = 0.02;
    public int SubscriptionsPerTenant { get; init; } = 5;
    /// <summary>
    /// 1 (default): every tenant gets subscriptions. <c>k</c>: only every k-th tenant in SIREN order does (a small run
    /// with the national mix of communes and EPCI; the others are billed nothing).
    /// </summary>
    public int TenantStride { get; init; } = 1;

    private static readonly DateOnly FirstStart = new(2024, 1, 1);
    private static readonly DateOnly LastStart = new(2025, 12, 31);
    private static readonly Actor Staff = new(null, "bench@somme-numerique.fr", IsStaff: true);

    private readonly Faker _faker;

    public BenchData(int seed)
    {
        Randomizer.Seed = new Random(seed);
        _faker = new Faker("fr");
    }

    /// <summary>Makes members (tenants tracked or not: the caller saves). Returns how many joined.</summary>
    public int MarkMembers(IEnumerable<Tenant> tenants)
    {
        var joined = 0;
        foreach (var tenant in tenants.OrderBy(t => t.Siren.Value, StringComparer.Ordinal))
        {
            if (tenant.Memberships.Count > 0) continue; // members of the Somme file
            var share = tenant.Kind.IsEpci() ? EpciMemberShare : tenant.Kind == TenantKind.Commune ? CommuneMemberShare : 0;
            if (!_faker.Random.Bool((float)share)) continue;
            var from = tenant.Kind.IsEpci() && _faker.Random.Bool((float)MidYearJoinShare) ? new DateOnly(2025, 7, 1) : new DateOnly(2020, 1, 1);
            tenant.JoinSyndicate(from, Source);
            joined++;
        }
        return joined;
    }

    /// <summary>
    /// Subscriptions of every tenant, in SIREN order: <see cref="SubscriptionsPerTenant"/> each (3 to 7, average 5),
    /// picked among the items the tenant may get (plus, now and then, one it may not: those charges are set aside
    /// at billing, as in real life after a membership ends). Quantities increase mid-way for some, and some end.
    /// </summary>
    public List<Subscription> Subscriptions(IReadOnlyCollection<Tenant> tenants, IReadOnlyCollection<CatalogueItem> catalogue)
    {
        var byCode = catalogue.ToDictionary(i => i.Code);
        var offers = new List<(CatalogueItem Item, Offer Offer, int Weight)>
        {
            (byCode["COFFRE-FORT"], byCode["COFFRE-FORT"].Offers.Single(), 4),
            (byCode["PACK-CYBER"], byCode["PACK-CYBER"].Offers.Single(), 3),
            (byCode["PACK-HAUTE-SECURITE"], byCode["PACK-HAUTE-SECURITE"].Offers.Single(), 2),
            (byCode["DEMAT-FLUX-COMPTABLES"], byCode["DEMAT-FLUX-COMPTABLES"].Offers.Single(), 3),
            (byCode["FTTH-GFU"], byCode["FTTH-GFU"].Offers.Single(o => o.Code == "FTTH-INITIALE"), 2),
            (byCode["FTTH-GFU"], byCode["FTTH-GFU"].Offers.Single(o => o.Code == "FTTH-EXCLUSIVE-100M"), 1),
            (byCode["COTISATION"], byCode["COTISATION"].Offers.Single(), 3),
        };
        var byId = tenants.ToDictionary(t => t.Id);
        var now = new DateTimeOffset(2026, 1, 2, 8, 0, 0, TimeSpan.Zero);
        var result = new List<Subscription>(tenants.Count * SubscriptionsPerTenant);

        var index = 0;
        foreach (var tenant in tenants.OrderBy(t => t.Siren.Value, StringComparer.Ordinal))
        {
            if (index++ % TenantStride != 0) continue;
            var epci = tenant.ParentEpciId is { } id ? byId.GetValueOrDefault(id) : null;
            var memberPrices = MemberPricing.AppliesOn(new DateOnly(2025, 12, 1), tenant, MemberPricing.Lookup(tenant, epci));
            var eligible = offers.Where(o => o.Item.Eligibility.CheckStanding(tenant, memberPrices, new DateOnly(2025, 12, 1)) is null).ToList();
            var count = Math.Max(1, SubscriptionsPerTenant + _faker.Random.Int(-2, 2));
            var seen = new HashSet<Guid>();
            for (var i = 0; i < count; i++)
            {
                var pick = _faker.Random.Bool(0.03f) || eligible.Count == 0
                    ? _faker.PickRandom(offers)
                    : Weighted(eligible);
                var start = FirstStart.AddDays(_faker.Random.Int(0, LastStart.DayNumber - FirstStart.DayNumber));
                var quantity = Quantity(pick.Item, pick.Offer);
                var terms = new SubscriptionTerms(tenant.Id, pick.Item, pick.Offer, quantity, start,
                    FirstEverForItem: seen.Add(pick.Item.Id), ForMemberCommunes: false);
                var subscription = Subscription.Subscribe(terms, Staff, now);
                if (pick.Item.Code is "COFFRE-FORT" or "PACK-CYBER" or "PACK-HAUTE-SECURITE" && _faker.Random.Bool(0.15f))
                {
                    var day = start.AddDays(_faker.Random.Int(1, 300));
                    if (day <= LastStart) subscription.ChangeQuantity(quantity + _faker.Random.Int(1, 10), day, Staff, now);
                }
                if (_faker.Random.Bool(0.08f))
                    subscription.Terminate(start.AddMonths(_faker.Random.Int(3, 18)).AddDays(-1), start, Staff, now, "Résiliation (données de banc d'essai)");
                result.Add(subscription);
            }
        }
        return result;
    }

    private (CatalogueItem Item, Offer Offer, int Weight) Weighted(List<(CatalogueItem Item, Offer Offer, int Weight)> choices)
    {
        var roll = _faker.Random.Int(1, choices.Sum(c => c.Weight));
        foreach (var choice in choices)
        {
            roll -= choice.Weight;
            if (roll <= 0) return choice;
        }
        return choices[^1];
    }

    private int Quantity(CatalogueItem item, Offer offer)
    {
        var quantity = item.Code switch
        {
            "COFFRE-FORT" => _faker.Random.Int(1, 30),
            "PACK-CYBER" => _faker.Random.Int(1, 60),
            "PACK-HAUTE-SECURITE" => _faker.Random.Int(1, 24),
            "FTTH-GFU" => _faker.Random.Int(1, 5),
            _ => 1, // per inhabitant: one contribution
        };
        return Math.Clamp(quantity, offer.MinQuantity, offer.MaxQuantity ?? int.MaxValue);
    }
}
