using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Web.Pages.Subscriptions;

/// <summary>"Mes abonnements": the active tenant's subscriptions and those its EPCI provides.</summary>
public sealed class IndexModel(ISender sender, ITenantContext tenant) : PageModel
{
    public IReadOnlyList<SubscriptionView> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.IsHost) return Redirect("/Staff/Subscriptions");
        if (tenant.TenantId is null) return Redirect("/");
        Items = await sender.Send(new ListSubscriptions.Query(null, null, null), ct);
        return Page();
    }
}
