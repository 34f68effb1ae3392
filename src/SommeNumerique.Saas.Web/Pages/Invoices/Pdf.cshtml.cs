using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;

namespace SommeNumerique.Saas.Web.Pages.Invoices;

/// <summary>
/// The PDF of an invoice or credit note, for the tenant (its own: another tenant's is not found) and for
/// the syndicate's agents (any).
/// </summary>
public sealed class PdfModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var pdf = await sender.Send(new GetInvoicePdf.Query(id), ct);
            return File(pdf.Content, pdf.ContentType, pdf.FileName);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
