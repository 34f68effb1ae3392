using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Application.Common.Authorization;

/// <summary>What each <see cref="Caller"/> means for the current user and tenant context: the one home of these rules.</summary>
public static class Callers
{
    public static bool Admit(Caller caller, ICurrentUser user, ITenantContext tenant) => caller switch
    {
        Caller.Anyone or Caller.Handler => true,
        Caller.SignedIn => user.IsAuthenticated,
        Caller.TenantMember => user.IsAuthenticated && tenant.Scope == TenantScope.Tenant,
        // TenantAdmin is granted to the request for its active tenant only (tenant resolution).
        Caller.TenantAdmin => user.IsInRole(Roles.Staff) || (tenant.Scope == TenantScope.Tenant && user.IsInRole(Roles.TenantAdmin)),
        Caller.Host => user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Treasury),
        Caller.Staff => user.IsInRole(Roles.Staff),
        Caller.System => tenant.IsHost && !user.IsAuthenticated,
        _ => false,
    };

    /// <summary>The refusal of a caller <see cref="Admit"/> turned down: 401 when signing in could help, 403 otherwise.</summary>
    public static Exception Refusal(Caller caller, ICurrentUser user) =>
        !user.IsAuthenticated && caller is not Caller.System
            ? new SignInRequiredException("Connectez-vous pour faire cette demande.")
            : new ForbiddenException(caller switch
            {
                Caller.TenantMember => "Cette demande est réservée aux collectivités, pour la collectivité active.",
                Caller.TenantAdmin => "Cette demande est réservée à l'administrateur de la collectivité et aux agents du syndicat.",
                Caller.Host => "Cette demande est réservée aux agents du syndicat et de la trésorerie.",
                Caller.Staff => "Cette demande est réservée aux agents du syndicat.",
                Caller.System => "Cette demande est faite par l'application elle-même.",
                _ => "Vous n'avez pas accès à cette demande.",
            });

    /// <summary>
    /// For a handler that must look the data up before saying who may act on it (a subscription another tenant cannot
    /// see answers 404 first): the same rule as the declaration's, at that point.
    /// </summary>
    public static void Ensure(Caller caller, ICurrentUser user, ITenantContext tenant)
    {
        if (!Admit(caller, user, tenant)) throw Refusal(caller, user);
    }
}
