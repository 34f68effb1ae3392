using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Catalogue.Admin;
using SommeNumerique.Saas.Web.Pages.Shared;

namespace SommeNumerique.Saas.Web.Pages.Staff.Catalogue;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    public IReadOnlyList<ListCatalogueItems.ItemSummary> Items { get; private set; } = [];

    public const int PageSize = 50;
    /// <summary>The columns the catalogue may be sorted by; default: service name.</summary>
    public static readonly ListSorting<ListCatalogueItems.ItemSummary> Sorting = new ListSorting<ListCatalogueItems.ItemSummary>("name", defaultDescending: false)
        .Column("name", i => i.Name, i => i.Code)
        .Column("code", i => i.Code, i => i.Name)
        .Column("offers", i => i.Offers, i => i.Name)
        .Column("published", i => i.PublishedOffers, i => i.Name);
    public ListNavigation List { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        List = new ListNavigation(Request, PageSize, Sorting.DefaultKey, Sorting.DefaultDescending);
        try
        {
            Items = List.PageOf(Sorting.Apply((await sender.Send(new ListCatalogueItems.Query(Search), ct)).AsQueryable(), List.Sort, List.Dir).ToList());
        }
        catch (FluentValidation.ValidationException e)
        {
            foreach (var error in e.Errors) ModelState.AddModelError(string.Empty, error.ErrorMessage);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
