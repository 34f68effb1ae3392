using Mediator;
using Microsoft.AspNetCore.Authorization;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Web.Pages.Shared;

namespace SommeNumerique.Saas.Web.Pages.Staff.Tenants;

/// <summary>Staff: one tenant's members and invitations (linked from the tenant's page, /Staff/Tenants/Details?id=).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class MembersModel(ISender sender) : MembersPageModel(sender)
{
    private readonly ISender _sender = sender;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public override Dictionary<string, string> FormRoute => new() { ["id"] = Id.ToString() };

    protected override async Task<(Guid Id, string Name, string Self)?> ResolveAsync(CancellationToken ct)
    {
        var details = await _sender.Send(new GetTenant.Query(Id), ct);
        return (details.Id, details.Name, $"/Staff/Tenants/Members?id={details.Id}");
    }
}
