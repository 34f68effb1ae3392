using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Web.Pages;

public sealed class IndexModel(ITenantContext tenant, ICurrentUser user, ISender sender) : PageModel
{
    public string DisplayName => user.DisplayName ?? user.Email ?? "";
    public TenantScope Scope => tenant.Scope;
    public TenantAccess? Active => tenant.ActiveTenant;
    public MemberPricingDecision? Pricing { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (tenant.TenantId is { } id)
            Pricing = (await sender.Send(new GetTenant.Query(id), ct)).MemberPricesToday;
    }
}
