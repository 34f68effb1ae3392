using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Treasury;
using SommeNumerique.Saas.Web.Pages.Shared;

namespace SommeNumerique.Saas.Web.Pages.Staff.Treasury;

/// <summary>Treasury: invoices past due with something left to pay, their reminder letters and the CSV.</summary>
public sealed class OverdueModel(ISender sender) : PageModel
{
    public const int PageSize = 50;

    public ListOverdueInvoices.Result Result { get; private set; } = null!;
    public ListNavigation List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        List = new ListNavigation(Request, PageSize, ListOverdueInvoices.Sorting.DefaultKey, ListOverdueInvoices.Sorting.DefaultDescending);
        Result = await sender.TrySendAsync(new ListOverdueInvoices.Query(Page: List.Page, PageSize: PageSize, Sort: List.Sort, Dir: List.Dir), ModelState, "", ct)
                 ?? new ListOverdueInvoices.Result([], 0, 1, PageSize, 0m, default);
        List.Total = Result.Total;
        ListNavigation.ShowRefusal(ModelState, Response);
        return Page();
    }

    /// <summary>The reminder letter of one invoice (PDF).</summary>
    public async Task<IActionResult> OnGetReminderAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var pdf = await sender.Send(new GetReminderLetter.Query(id), ct);
            return File(pdf.Content, pdf.ContentType, pdf.FileName);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ConflictException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            await OnGetAsync(ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }
}
