using System.Globalization;

namespace SommeNumerique.Saas.Domain.Tenancy;

/// <summary>The answer to "does this tenant get member prices on that date", with the reason in French.</summary>
public sealed record MemberPricingDecision(bool MemberPrices, string Reason);

/// <summary>
/// Member prices go "aux membres et aux communes des EPCI membres": a direct member on the date, or a
/// commune whose EPCI is a member on the date. Everyone else pays non-member prices.
/// </summary>
public static class MemberPricing
{

    /// <summary>
    /// The same answer, the commune's EPCI being the one it belonged to on <paramref name="date"/> (its dated link),
    /// found by <paramref name="epciById"/>.
    /// </summary>
    public static bool AppliesOn(DateOnly date, Tenant tenant, Func<Guid, Tenant?> epciById) =>
        tenant.IsMemberOn(date) || (tenant.Kind == TenantKind.Commune && EpciOn(date, tenant, epciById) is { } epci && epci.IsMemberOn(date));

    /// <param name="parentEpci">The tenant's own EPCI (<see cref="Tenant.ParentEpciId"/>), or null.</param>
    public static MemberPricingDecision On(DateOnly date, Tenant tenant, Tenant? parentEpci)
    {
        if (parentEpci is not null && tenant.ParentEpciId != parentEpci.Id)
            throw new ArgumentException($"{parentEpci.Name} n'est pas l'EPCI de {tenant.Name}.", nameof(parentEpci));
        return OnDate(date, tenant, Lookup(tenant, parentEpci));
    }

    /// <summary>A lookup that knows the tenant's current EPCI only.</summary>
    public static Func<Guid, Tenant?> Lookup(Tenant tenant, Tenant? parentEpci) =>
        id => parentEpci is not null && parentEpci.Id == id ? parentEpci : null;

    /// <summary>A lookup over loaded tenants (billing loads them all).</summary>
    public static Func<Guid, Tenant?> Lookup(IReadOnlyDictionary<Guid, Tenant> tenants) => tenants.GetValueOrDefault;

    private static Tenant? EpciOn(DateOnly date, Tenant tenant, Func<Guid, Tenant?> epciById) =>
        tenant.EpciOn(date) is { } id ? epciById(id) : null;

    /// <summary>
    /// The one home of the rule: a direct member on <paramref name="date"/>, or a commune of an EPCI that is a member
    /// on that date — the EPCI the commune belonged to on that date (dated link), not necessarily today's.
    /// </summary>
    public static MemberPricingDecision OnDate(DateOnly date, Tenant tenant, Func<Guid, Tenant?> epciById)
    {
        var parentEpci = tenant.Kind == TenantKind.Commune ? EpciOn(date, tenant, epciById) : null;
        if (tenant.IsMemberOn(date))
            return new(true, $"{tenant.Name} est membre de Somme Numérique au {FrenchText.Day(date)}.");
        if (tenant.Kind == TenantKind.Commune && parentEpci is not null && parentEpci.IsMemberOn(date))
            return new(true, $"{tenant.Name} fait partie de l'intercommunalité « {parentEpci.Name} », membre de Somme Numérique au {FrenchText.Day(date)}.");
        if (tenant.Kind == TenantKind.Commune && parentEpci is not null)
            return new(false, $"L'intercommunalité « {parentEpci.Name} » n'est pas membre de Somme Numérique au {FrenchText.Day(date)} : tarif non-membre.");
        return new(false, $"{tenant.Name} n'est pas membre de Somme Numérique au {FrenchText.Day(date)} : tarif non-membre.");
    }
}
