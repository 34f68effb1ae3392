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

    /// <summary>The same answer without its explanation (billing asks it for every billed month).</summary>
    public static bool Applies(DateOnly date, Tenant tenant, Tenant? parentEpci) =>
        tenant.IsMemberOn(date) || (tenant.Kind == TenantKind.Commune && parentEpci is not null && parentEpci.IsMemberOn(date));

    /// <param name="parentEpci">The tenant's own EPCI (<see cref="Tenant.ParentEpciId"/>), or null.</param>
    public static MemberPricingDecision On(DateOnly date, Tenant tenant, Tenant? parentEpci)
    {
        if (parentEpci is not null && tenant.ParentEpciId != parentEpci.Id)
            throw new ArgumentException($"{parentEpci.Name} n'est pas l'EPCI de {tenant.Name}.", nameof(parentEpci));
        if (tenant.IsMemberOn(date))
            return new(true, $"{tenant.Name} est membre de Somme Numérique au {FrenchText.Day(date)}.");
        if (tenant.Kind == TenantKind.Commune && parentEpci is not null && parentEpci.IsMemberOn(date))
            return new(true, $"{tenant.Name} fait partie de l'intercommunalité « {parentEpci.Name} », membre de Somme Numérique au {FrenchText.Day(date)}.");
        if (tenant.Kind == TenantKind.Commune && parentEpci is not null)
            return new(false, $"L'intercommunalité « {parentEpci.Name} » n'est pas membre de Somme Numérique au {FrenchText.Day(date)} : tarif non-membre.");
        return new(false, $"{tenant.Name} n'est pas membre de Somme Numérique au {FrenchText.Day(date)} : tarif non-membre.");
    }
}
