using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Web.Pages.Staff.Invoices;

/// <summary>Staff and treasury: one invoice or credit note, its lines and credit notes; staff issue credit notes (avoirs).</summary>
public sealed class DetailsModel(ISender sender, ICurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<int> Lines { get; set; } = [];
    [BindProperty] public int? Version { get; set; }

    public GetInvoice.Result? Details { get; private set; }
    public InvoiceView Invoice => Details!.Invoice;
    public string? Message { get; private set; }
    public bool IsStaff => user.IsInRole(Roles.Staff);
    /// <summary>An invoice (not a credit note) with lines still to credit.</summary>
    public bool CanCredit => Details is { Invoice: { Kind: "Invoice", Status: not "Cancelled" } invoice } && invoice.Lines.Any(l => !l.Credited);

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        Message = done;
        return Page();
    }

    public async Task<IActionResult> OnPostCreditAsync(CancellationToken ct)
    {
        var status = StatusCodes.Status400BadRequest;
        if (!IsStaff)
        {
            ModelState.AddModelError(string.Empty, "Seuls les agents du syndicat émettent des avoirs.");
            status = StatusCodes.Status403Forbidden;
        }
        else if (ModelState.IsValid)
        {
            try
            {
                var note = await sender.TrySendAsync(
                    new CreateCreditNote.Command(Id, new CreateCreditNote.Request(Reason, Lines.Count == 0 ? null : Lines, Version)), ModelState, "", ct);
                if (note is not null)
                    return Redirect($"/Staff/Invoices/Details?id={note.Id}&done={Uri.EscapeDataString($"Avoir {note.Number} émis ({Fr.Euros(note.TotalTtc)} TTC).")}");
            }
            catch (ForbiddenException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
                status = StatusCodes.Status403Forbidden;
            }
        }
        // Errors about the chosen lines have no field of their own: show them at the top of the form.
        foreach (var (key, entry) in ModelState.Where(e => e.Key is not ("" or "Reason") && e.Value is { Errors.Count: > 0 }).ToList())
        {
            foreach (var error in entry!.Errors.ToList()) ModelState.AddModelError(string.Empty, error.ErrorMessage);
            ModelState.Remove(key);
        }
        if (!await Load(ct)) return NotFound();
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        try
        {
            Details = await sender.Send(new GetInvoice.Query(Id), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
