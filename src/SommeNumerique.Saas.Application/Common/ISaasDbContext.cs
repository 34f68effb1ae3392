using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Domain.Auditing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// The application's view of the database: EF Core sets, used directly by handlers (no repository layer).
/// Tenant-owned sets are already filtered to the current tenant. Commands do not call SaveChanges:
/// the unit-of-work behaviour does, once, after the handler.
/// </summary>
public interface ISaasDbContext
{
    DbSet<Tenant> Tenants { get; }
    DbSet<TenantMember> TenantMembers { get; }
    DbSet<CatalogueItem> CatalogueItems { get; }
    DbSet<Offer> Offers { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<Subscription> Subscriptions { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
