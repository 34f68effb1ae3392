using Mediator;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Web.Pages.Shared;

namespace SommeNumerique.Saas.Web.Pages.Tenant;

/// <summary>The active tenant's members and invitations, for its administrator (the use cases refuse anyone else).</summary>
public sealed class MembersModel(ISender sender, ITenantContext tenant) : MembersPageModel(sender)
{
    protected override Task<(Guid Id, string Name, string Self)?> ResolveAsync(CancellationToken ct) =>
        Task.FromResult(tenant.ActiveTenant is { } active ? ((Guid, string, string)?)(active.TenantId, active.TenantName, "/Tenant/Members") : null);
}
