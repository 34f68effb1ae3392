using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Catalogue;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Web.Pages;

/// <summary>The catalogue at the active tenant's own prices.</summary>
public sealed class CatalogueModel(ISender sender, ITenantContext tenant) : PageModel
{
    public GetCatalogue.TenantCatalogue? Catalogue { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (tenant.TenantId is not null)
            Catalogue = await sender.Send(new GetCatalogue.Query(null, null), ct);
    }
}
