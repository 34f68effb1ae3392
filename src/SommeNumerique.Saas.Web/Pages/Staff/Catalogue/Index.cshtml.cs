using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Catalogue.Admin;

namespace SommeNumerique.Saas.Web.Pages.Staff.Catalogue;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    public IReadOnlyList<ListCatalogueItems.ItemSummary> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await sender.Send(new ListCatalogueItems.Query(Search), ct);
}
