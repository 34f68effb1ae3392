using SommeNumerique.Saas.Domain.TenantIsolation;
namespace SommeNumerique.Saas.Domain.Tenancy;

/// <summary>What a user may do inside one tenant.</summary>
public enum TenantRole
{
    TenantAdmin = 1,
    TenantUser = 2,
}

/// <summary>
/// A user's access to a tenant. One user (a secrétaire de mairie) may hold several, one per commune,
/// and switches between them. Tenant-owned: a tenant sees only its own users.
/// </summary>
public sealed class TenantMember : ITenantOwned
{
    private TenantMember(Guid id, Guid tenantId, Guid userId, TenantRole role, DateTimeOffset grantedAt)
    {
        Id = id;
        TenantId = tenantId;
        UserId = userId;
        Role = role;
        GrantedAt = grantedAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid UserId { get; private set; }
    public TenantRole Role { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }

    public static TenantMember Grant(Guid tenantId, Guid userId, TenantRole role, DateTimeOffset at) =>
        new(Guid.NewGuid(), tenantId, userId, role, at);

    public void ChangeRole(TenantRole role) => Role = role;
}
