namespace SommeNumerique.Saas.Application.TenantIsolation;

/// <summary>
/// Switches the current request to the host context, for the rest of the request. Only for a use case whose own checks
/// stand in for the tenant context: accepting an invitation (anonymous; the single-use token names the tenants the
/// new member joins). Every use is listed in Infrastructure/TenantIsolation/README.md.
/// </summary>
public interface IHostScopeElevation
{
    void ActAsHost();
}
