using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Treasury;

namespace SommeNumerique.Saas.Web.Pages.Staff.Treasury;

/// <summary>Treasury: invoices past due with something left to pay, their reminder letters and the CSV.</summary>
public sealed class OverdueModel(ISender sender) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public ListOverdueInvoices.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await sender.Send(new ListOverdueInvoices.Query(Page: Math.Max(PageNumber ?? 1, 1), PageSize: PageSize), ct);

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
