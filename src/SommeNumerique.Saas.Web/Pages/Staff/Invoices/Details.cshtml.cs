using SommeNumerique.Saas.Domain;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Payments;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Staff.Invoices;

/// <summary>
/// Staff and treasury: one invoice or credit note, its lines, credit notes and payments; staff issue credit
/// notes (avoirs), staff and treasury record payments received by mandat. A credit note is issued in two steps:
/// the lines ticked (or, explicitly, "Annuler toute la facture"; nothing ticked is an error), then a confirmation
/// that states the amount of the avoir.
/// </summary>
public sealed class DetailsModel(ISender sender, ICurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<int> Lines { get; set; } = [];
    /// <summary>"Annuler toute la facture": every line not yet credited, chosen explicitly.</summary>
    [BindProperty] public bool WholeInvoice { get; set; }
    /// <summary>Second step: the staff saw the amount of the avoir and confirm it.</summary>
    [BindProperty] public bool Confirmed { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public PaymentForm Payment { get; set; } = new();

    public sealed class PaymentForm
    {
        public decimal? Amount { get; set; }
        public DateOnly? PaidOn { get; set; }
        public string? Reference { get; set; }
    }

    public IReadOnlyList<PaymentView> Payments { get; private set; } = [];
    public DateOnly Today => clock.Today();
    /// <summary>An invoice with something left to pay: a payment can be recorded.</summary>
    public bool CanRecordPayment => Details?.Invoice.CanTakePayment ?? false;

    public GetInvoice.Result? Details { get; private set; }
    public InvoiceView Invoice => Details!.Invoice;
    public string? Message { get; private set; }
    /// <summary>The avoir the ticked lines would give, shown for confirmation before it is issued.</summary>
    public InvoiceView? ProposedCreditNote { get; private set; }
    public bool IsStaff => user.IsInRole(Roles.Staff);
    /// <summary>An invoice (not a credit note) with lines still to credit.</summary>
    public bool CanCredit => Details is { Invoice: { Kind: "Invoice", Status: not "Cancelled" } invoice } && invoice.Lines.Any(l => !l.Credited);

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        Message = done;
        return Page();
    }

    [HandlerPolicy(Policies.Staff)]
    public async Task<IActionResult> OnPostCreditAsync(CancellationToken ct)
    {
        var status = StatusCodes.Status400BadRequest;
        if (Lines.Count == 0 && !WholeInvoice)
            ModelState.AddModelError(nameof(Lines), "Cochez les lignes à annuler, ou « Annuler toute la facture ».");
        else if (Lines.Count > 0 && WholeInvoice)
            ModelState.AddModelError(nameof(Lines), "Cochez des lignes ou « Annuler toute la facture », pas les deux.");
        else if (ModelState.IsValid)
        {
            try
            {
                var request = new CreateCreditNote.Request(Reason, WholeInvoice ? null : Lines, Version);
                if (!Confirmed)
                {
                    ProposedCreditNote = await sender.TrySendAsync(new CreateCreditNote.Preview(Id, request), ModelState, "", ct);
                    if (ProposedCreditNote is not null) status = StatusCodes.Status200OK;
                }
                else if (await sender.TrySendAsync(new CreateCreditNote.Command(Id, request), ModelState, "", ct) is { } note)
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

    public async Task<IActionResult> OnPostPaymentAsync(CancellationToken ct)
    {
        var recorded = await sender.TrySendAsync(new RecordMandatPayment.Command(Id,
            new RecordMandatPayment.Request(Payment.Amount, Payment.PaidOn, Payment.Reference, Version)), ModelState, nameof(Payment), ct);
        if (recorded is not null)
            return Redirect($"/Staff/Invoices/Details?id={Id}&done={Uri.EscapeDataString($"Paiement de {Fr.Euros(recorded.Amount)} enregistré (référence : {recorded.Reference}).")}");
        if (!await Load(ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        try
        {
            Details = await sender.Send(new GetInvoice.Query(Id), ct);
            if (Details.Invoice.Kind == "Invoice") Payments = await sender.Send(new ListInvoicePayments.Query(Id), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
