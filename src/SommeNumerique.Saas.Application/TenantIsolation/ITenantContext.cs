using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.TenantIsolation;

/// <summary>In whose name the current request acts.</summary>
public enum TenantScope
{
    /// <summary>Nobody resolved yet (anonymous, or a user without any tenant): tenant-owned data is invisible.</summary>
    None = 0,
    /// <summary>A user acting for one tenant: tenant-owned data is filtered to it.</summary>
    Tenant = 1,
    /// <summary>Syndicate staff or treasury: sees every tenant.</summary>
    Host = 2,
}

/// <summary>A tenant the signed-in user may act for, with the role held there.</summary>
public sealed record TenantAccess(Guid TenantId, string TenantName, TenantKind Kind, TenantRole Role);

/// <summary>
/// The tenant of the current request, resolved once per request (see Infrastructure/TenantIsolation/README.md).
/// Persistence reads it to filter queries and to check saves.
/// </summary>
public interface ITenantContext
{
    TenantScope Scope { get; }

    /// <summary>The active tenant when <see cref="Scope"/> is <see cref="TenantScope.Tenant"/>.</summary>
    TenantAccess? ActiveTenant { get; }

    /// <summary>Every tenant the user may switch to (empty for staff and anonymous users).</summary>
    IReadOnlyList<TenantAccess> AvailableTenants { get; }

    Guid? TenantId => ActiveTenant?.TenantId;
    bool IsHost => Scope == TenantScope.Host;
}

/// <summary>
/// The name of the EF Core query filter that isolates tenants. Reading across tenants is written
/// <c>IgnoreQueryFilters([TenantFilter.Name])</c>, for one query, where a rule requires it (see Infrastructure/TenantIsolation/README.md).
/// </summary>
public static class TenantFilter
{
    public const string Name = "Tenant";
}
