namespace SommeNumerique.Saas.Domain.TenantIsolation;

/// <summary>
/// Marks an entity that belongs to one tenant. Persistence filters it by the current tenant, stamps
/// <see cref="TenantId"/> on insert and refuses a save for another tenant (see Infrastructure/TenantIsolation).
/// Every entity is either tenant-owned or explicitly <see cref="ISharedAcrossTenants"/>: there is no third way.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}

/// <summary>
/// Explicit opt-out of tenant isolation, for global data every tenant may read (the tenants themselves,
/// the catalogue). Use it deliberately: anything not marked is refused by the model builder unless tenant-owned.
/// </summary>
public interface ISharedAcrossTenants;
