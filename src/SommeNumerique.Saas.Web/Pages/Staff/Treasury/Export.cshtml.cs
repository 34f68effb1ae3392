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
/// invoice list's CSV, the overdue list's CSV. A run whose PES titres are not numbered yet shows the numbering
/// form first (a POST, confirmed, since the numbers are definitive), then the download link. A refusal is shown as
/// a page in French.
/// </summary>
public sealed class ExportModel(ISender sender) : PageModel
{
    public string? Error { get; private set; }

    /// <summary>The run's PES numbering, when the page asks to number (or has just numbered) instead of downloading.</summary>
    public PesNumberingView? Numbering { get; private set; }

    /// <summary>True once the titres have just been numbered by this page's form.</summary>
    public bool JustNumbered { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? run, string? format, string? period, CancellationToken ct) =>
        await RefusalsAsPageAsync(async () =>
        {
            if (format == "pes" && run is { } pesRun)
            {
                var numbering = await sender.Send(new GetBillingRunPesNumbering.Query(pesRun), ct);
                if (numbering is { Pieces: > 0, Complete: false })
                {
                    Numbering = numbering;
                    return Page();
                }
            }
            var file = format switch
            {
                "csv" when run is { } id => await sender.Send(new ExportBillingRunCsv.Query(id), ct),
                "pes" when run is { } id => await sender.Send(new ExportBillingRunPes.Query(id), ct),
                "invoices" => await sender.Send(new ExportInvoicesCsv.Query(new ListInvoices.Query(Period: string.IsNullOrWhiteSpace(period) ? null : period.Trim())), ct),
                "overdue" => await sender.Send(new ExportOverdueInvoicesCsv.Query(), ct),
                _ => null,
            };
            if (file is null) return NotFound();
            await file.WriteToAsync(Response, ct);
            return new EmptyResult();
        });

    /// <summary>Numbers the run's PES titres (the same command as POST …/exports/pes/numbering), once confirmed.</summary>
    public async Task<IActionResult> OnPostNumberAsync(Guid run, bool confirm, CancellationToken ct) =>
        await RefusalsAsPageAsync(async () =>
        {
            if (!confirm)
            {
                Numbering = await sender.Send(new GetBillingRunPesNumbering.Query(run), ct);
                Error = "Cochez la case pour confirmer : les numéros de titre sont définitifs une fois donnés.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            Numbering = await sender.Send(new NumberBillingRunPes.Command(run), ct);
            JustNumbered = true;
            return Page();
        });

    private async Task<IActionResult> RefusalsAsPageAsync(Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is ConflictException or ValidationException)
        {
            Numbering = null;
            Error = e is ValidationException v ? string.Join(" ", v.Errors.Select(x => x.ErrorMessage)) : e.Message;
            Response.StatusCode = e is ConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
