using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Payments;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Web.Pages.Invoices
{
    /// <summary>One invoice or credit note of the active tenant (read only), with its PDF and credit notes.</summary>
    public sealed class DetailsModel(ISender sender, ITenantContext tenant) : PageModel
    {
        [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

        /// <summary>"retour" or "abandon" when the buyer comes back from the payment page (shown, never trusted).</summary>
        [BindProperty(SupportsGet = true, Name = "paiement")] public string? PaymentReturn { get; set; }

        public GetInvoice.Result? Details { get; private set; }
        public InvoiceView Invoice => Details!.Invoice;
        /// <summary>Online payment switched on, and SEPA debits being processed (from the database).</summary>
        public GetOnlinePaymentStates.Result? Online { get; private set; }
        public bool CanPayOnline => Online?.CanPay(Invoice.Id, Invoice.CanTakePayment) ?? false;
        public bool PaymentProcessing => Online?.Processing.Contains(Invoice.Id) ?? false;

        public async Task<IActionResult> OnGetAsync(CancellationToken ct)
        {
            if (tenant.IsHost) return Redirect($"/Staff/Invoices/Details?id={Id}");
            if (tenant.TenantId is null) return Redirect("/");
            try
            {
                Details = await sender.Send(new GetInvoice.Query(Id), ct);
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            Online = await sender.Send(new GetOnlinePaymentStates.Query([Id]), ct);
            return Page();
        }

        /// <summary>"Payer en ligne": creates the checkout page and sends the buyer there.</summary>
        public async Task<IActionResult> OnPostPayAsync(CancellationToken ct)
        {
            if (tenant.IsHost) return Forbid();
            if (tenant.TenantId is null) return Redirect("/");
            try
            {
                var checkout = await sender.Send(new StartInvoiceCheckout.Command(Id), ct);
                return Redirect(checkout.CheckoutUrl);
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            catch (Exception e) when (e is ConflictException or ForbiddenException or PaymentProviderException or Domain.DomainException)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
            return await OnGetAsync(ct);
        }
    }
}

namespace SommeNumerique.Saas.Web.Pages
{
    /// <summary>French display of invoice lines, shared by the tenant's and the staff's invoice pages.</summary>
    public static class InvoiceFormat
    {
        private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

        public static string Quantity(decimal? quantity) => quantity is { } q ? q.ToString("#,##0.##", French) : "—";

        /// <summary>"TVA 20 %" or "TVA non applicable".</summary>
        public static string VatMention(InvoiceLineView line) =>
            Enum.TryParse<VatCategory>(line.VatCategory, out var category) ? category.Mention() : line.VatCategory;
    }
}
