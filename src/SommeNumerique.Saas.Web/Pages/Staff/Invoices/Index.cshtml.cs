using SommeNumerique.Saas.Domain;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Web.Pages.Shared;

namespace SommeNumerique.Saas.Web.Pages.Staff.Invoices;

/// <summary>Staff and treasury: every tenant's invoices and credit notes, searched and filtered.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    public PagedResult<ListInvoices.Summary>? Result { get; private set; }
    /// <summary>page, sort, dir of the query string; the pager and the sortable headers.</summary>
    public ListNavigation List { get; private set; } = null!;

    public IEnumerable<(string Code, string Label)> Statuses =>
        [("Issued", "Émise"), ("PartiallyPaid", "Partiellement payée"), ("Paid", "Payée"), ("Cancelled", "Annulée"),
            (ListInvoices.OverdueStatus, "En retard")];

    public IEnumerable<(string Code, string Label)> Kinds => [("Invoice", "Facture"), ("CreditNote", "Avoir")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        List = new ListNavigation(Request, PageSize, ListInvoices.Sorting.DefaultKey, ListInvoices.Sorting.DefaultDescending);
        Result = await sender.TrySendAsync(new ListInvoices.Query(
            Period: TextValues.Blank(Period), Status: TextValues.Blank(Status), Kind: TextValues.Blank(Kind), Search: TextValues.Blank(Search),
            Page: List.Page, PageSize: PageSize, Sort: List.Sort, Dir: List.Dir), ModelState, "", ct);
        if (Result is null) ListNavigation.ShowRefusal(ModelState, Response);
        else List.Total = Result.Total;
    }

    /// <summary>The message of a refused filter ("period", "status", "kind"), shown next to it.</summary>
    public string? ErrorFor(string field) =>
        ModelState.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value?.Errors ?? []).Select(e => e.ErrorMessage).FirstOrDefault();
}
