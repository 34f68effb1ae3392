using SommeNumerique.Saas.Domain;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Catalogue;

/// <summary>The tenant a price is for, with its EPCI (member prices may come from it).</summary>
public sealed record PricedTenant(Tenant Tenant, Tenant? ParentEpci)
{
    /// <summary>Every EPCI the commune has been linked to (dated links): member prices of a date use that date's EPCI.</summary>
    public IReadOnlyDictionary<Guid, Tenant> Epcis { get; init; } = new Dictionary<Guid, Tenant>();

    public Func<Guid, Tenant?> EpciById => id => Epcis.GetValueOrDefault(id) ?? (ParentEpci?.Id == id ? ParentEpci : null);
}

/// <summary>
/// Finds whom to price for: a tenant's users get their active tenant (asking for another answers 404);
/// staff and treasury name the tenant with <c>tenantId</c>.
/// </summary>
public sealed class TenantPricing(ISaasDbContext db, ITenantContext tenantContext, TimeProvider clock)
{
    public DateOnly Today => clock.Today();

    public async Task<PricedTenant> LoadAsync(Guid? requestedTenantId, CancellationToken ct)
    {
        Guid tenantId;
        if (tenantContext.IsHost)
        {
            tenantId = requestedTenantId ?? throw new NotFoundException("Précisez la collectivité (tenantId) pour laquelle calculer les prix.");
        }
        else
        {
            tenantId = tenantContext.TenantId ?? throw new ForbiddenException("Aucune collectivité active pour ce compte.");
            if (requestedTenantId is { } other && other != tenantId) throw new NotFoundException("Collectivité introuvable.");
        }
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, ct)
            ?? throw new NotFoundException("Collectivité introuvable.");
        var parent = tenant.ParentEpciId is { } parentId
            ? await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == parentId, ct)
            : null;
        var linked = tenant.EpciLinks.Select(l => l.EpciId).Distinct().ToList();
        var epcis = linked.Count == 0 ? new Dictionary<Guid, Tenant>()
            : await db.Tenants.AsNoTracking().Where(t => linked.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return new PricedTenant(tenant, parent) { Epcis = epcis };
    }
}
