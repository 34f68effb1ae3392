using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tests.Catalogue;

namespace SommeNumerique.Saas.Domain.Tests.Subscriptions;

/// <summary>Builds subscriptions on the voted catalogue (<see cref="VotedCatalogue"/>), each a fresh object graph.</summary>
internal static class Subs
{
    public static readonly Guid TenantId = Guid.Parse("5b0c1f0e-1d5a-4c55-9a39-0a6f1c6b2a01");

    /// <summary>The secrétaire de mairie of the tenant.</summary>
    public static readonly Actor Secretary = new(Guid.Parse("0f3e2a41-7b1c-4d7e-8f7a-1c2d3e4f5a60"), "Secrétaire de mairie", IsStaff: false);

    /// <summary>An agent of the syndicate.</summary>
    public static readonly Actor Staff = new(Guid.Parse("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"), "Agent de Somme Numérique", IsStaff: true);

    public static readonly DateTimeOffset At = new(2025, 1, 1, 9, 30, 0, TimeSpan.FromHours(1));

    public static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>Password vaults (36-month commitment, first year free), 10 from 2025-01-01 unless told.</summary>
    public static Subscription Vault(int quantity = 10, DateOnly? start = null, bool firstEver = true) =>
        Subscribe(VotedCatalogue.CoffreFort(), quantity, start ?? D(2025, 1, 1), firstEver);

    /// <summary>School workspace: no component (no commitment), billed by school year.</summary>
    public static Subscription Ent(int quantity = 100, DateOnly? start = null) =>
        Subscribe(VotedCatalogue.Ent(), quantity, start ?? D(2025, 9, 1));

    public static Subscription Subscribe(CatalogueItem item, int quantity, DateOnly start, bool firstEver = true, Offer? offer = null) =>
        Subscription.Subscribe(
            new SubscriptionTerms(TenantId, item, offer ?? item.Offers[0], quantity, start, firstEver, ForMemberCommunes: false),
            Secretary, At);
}
