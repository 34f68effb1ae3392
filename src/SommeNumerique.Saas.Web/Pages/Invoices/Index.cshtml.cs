using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Payments;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Web.Pages.Shared;

namespace SommeNumerique.Saas.Web.Pages.Invoices;

/// <summary>"Mes factures": the active tenant's invoices and credit notes (the query filter keeps to its own).</summary>
public sealed class IndexModel(ISender sender, ITenantContext tenant) : PageModel
{
    public const int PageSize = 50;

    /// <summary>"overdue": only the invoices past their due date with something left to pay.</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public bool OverdueOnly => string.Equals(Status, ListInvoices.OverdueStatus, StringComparison.OrdinalIgnoreCase);
    public ListNavigation List { get; private set; } = null!;

    public PagedResult<ListInvoices.Summary>? Result { get; private set; }
    /// <summary>Online payment switched on, and the listed invoices with a SEPA debit being processed.</summary>
    public GetOnlinePaymentStates.Result? Online { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.IsHost) return Redirect("/Staff/Invoices");
        if (tenant.TenantId is null) return Redirect("/");
        List = new ListNavigation(Request, PageSize, ListInvoices.Sorting.DefaultKey, ListInvoices.Sorting.DefaultDescending);
        Result = await sender.Send(new ListInvoices.Query(Page: List.Page, PageSize: PageSize, Overdue: OverdueOnly ? true : null), ct);
        List.Total = Result.Total;
        Online = await sender.Send(new GetOnlinePaymentStates.Query(Result.Items.Select(i => i.Id).ToList()), ct);
        return Page();
    }
}
