using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Treasury;

namespace SommeNumerique.Saas.Web.Pages.Staff.Treasury;

/// <summary>
/// Downloads of the treasury exports from the portal (the same requests as the API): a run's PES or CSV, an
/// invoice list's CSV, the overdue list's CSV. A refusal is shown as a page in French.
/// </summary>
public sealed class ExportModel(ISender sender) : PageModel
{
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? run, string? format, string? period, CancellationToken ct)
    {
        try
        {
            var file = format switch
            {
                "csv" when run is { } id => await sender.Send(new ExportBillingRunCsv.Query(id), ct),
                "pes" when run is { } id => await sender.Send(new ExportBillingRunPes.Command(id), ct),
                "invoices" => await sender.Send(new ExportInvoicesCsv.Query(new ListInvoices.Query(Period: string.IsNullOrWhiteSpace(period) ? null : period.Trim())), ct),
                "overdue" => await sender.Send(new ExportOverdueInvoicesCsv.Query(), ct),
                _ => null,
            };
            if (file is null) return NotFound();
            await file.WriteToAsync(Response, ct);
            return new EmptyResult();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is ConflictException or ValidationException)
        {
            Error = e is ValidationException v ? string.Join(" ", v.Errors.Select(x => x.ErrorMessage)) : e.Message;
            Response.StatusCode = e is ConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
