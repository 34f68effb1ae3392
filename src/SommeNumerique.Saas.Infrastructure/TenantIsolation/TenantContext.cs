using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.TenantIsolation;

/// <summary>
/// The per-request (scoped) tenant context. Set once by <see cref="TenantResolutionMiddleware"/>, or by
/// background jobs and start-up code through <see cref="UseHost"/>/<see cref="UseTenant"/>.
/// </summary>
public sealed class TenantContext : ITenantContext, IHostScopeElevation
{
    public TenantScope Scope { get; private set; } = TenantScope.None;
    public TenantAccess? ActiveTenant { get; private set; }
    public IReadOnlyList<TenantAccess> AvailableTenants { get; private set; } = [];

    /// <summary>Act as the syndicate (staff, treasury, start-up seeding): every tenant is visible.</summary>
    public void UseHost()
    {
        Scope = TenantScope.Host;
        ActiveTenant = null;
        AvailableTenants = [];
    }

    /// <inheritdoc />
    public void ActAsHost() => UseHost();

    /// <summary>Act for <paramref name="active"/>, one of <paramref name="available"/>.</summary>
    public void UseTenant(TenantAccess active, IReadOnlyList<TenantAccess> available)
    {
        if (!available.Contains(active))
            throw new InvalidOperationException("The active tenant must be one of the user's tenants.");
        Scope = TenantScope.Tenant;
        ActiveTenant = active;
        AvailableTenants = available;
    }

    /// <summary>A signed-in user who has no tenant (yet): sees no tenant-owned data.</summary>
    public void UseNone(IReadOnlyList<TenantAccess>? available = null)
    {
        Scope = TenantScope.None;
        ActiveTenant = null;
        AvailableTenants = available ?? [];
    }
}
