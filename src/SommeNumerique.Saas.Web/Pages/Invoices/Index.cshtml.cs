using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Payments;
using SommeNumerique.Saas.Application.Tenancy;

namespace SommeNumerique.Saas.Web.Pages.Invoices;

/// <summary>"Mes factures": the active tenant's invoices and credit notes (the query filter keeps to its own).</summary>
public sealed class IndexModel(ISender sender, ITenantContext tenant) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PagedResult<ListInvoices.Summary>? Result { get; private set; }
    /// <summary>Online payment switched on, and the listed invoices with a SEPA debit being processed.</summary>
    public GetOnlinePaymentStates.Result? Online { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.IsHost) return Redirect("/Staff/Invoices");
        if (tenant.TenantId is null) return Redirect("/");
        Result = await sender.Send(new ListInvoices.Query(Page: Math.Max(PageNumber ?? 1, 1), PageSize: PageSize), ct);
        Online = await sender.Send(new GetOnlinePaymentStates.Query(Result.Items.Select(i => i.Id).ToList()), ct);
        return Page();
    }
}
