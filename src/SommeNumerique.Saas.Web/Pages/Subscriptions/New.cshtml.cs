using SommeNumerique.Saas.Domain;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Web.Pages.Subscriptions;

/// <summary>Offer -> quantity and start -> quote -> confirm. The quote is recomputed at confirmation.</summary>
public sealed class NewModel(ISender sender, ITenantContext tenant, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Offer { get; set; } = "";
    [BindProperty] public int? Quantity { get; set; } = 1;
    [BindProperty] public DateOnly? StartDate { get; set; }
    [BindProperty] public bool ForMemberCommunes { get; set; }

    public QuoteView? Quote { get; private set; }
    public string? OfferName { get; private set; }
    public string? UnitLabel { get; private set; }
    public bool ShowForMemberCommunes => tenant.ActiveTenant?.Kind.IsEpci() == true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (tenant.TenantId is null) return Redirect("/Catalogue");
        StartDate ??= clock.Today();
        // Names the offer on the form; the quote itself is shown when asked for ("Voir le devis").
        var preview = await sender.TrySendAsync(new QuoteSubscription.Query(Asked()), ModelState, "", ct);
        if (preview is null) return NotFound();
        (OfferName, UnitLabel) = (preview.OfferName, preview.UnitLabel);
        return Page();
    }

    public async Task<IActionResult> OnPostQuoteAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Invalid();
        Quote = await sender.TrySendAsync(new QuoteSubscription.Query(Asked()), ModelState, "", ct);
        (OfferName, UnitLabel) = (Quote?.OfferName, Quote?.UnitLabel);
        return Quote is null ? Invalid() : Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Invalid();
        var created = await sender.TrySendAsync(new CreateSubscription.Command(Asked()), ModelState, "", ct);
        if (created is not null) return Redirect($"/Subscriptions/Details?id={created.Id}&created=true");
        Quote = await sender.TrySendAsync(new QuoteSubscription.Query(Asked()), new(), "", ct);
        (OfferName, UnitLabel) = (Quote?.OfferName, Quote?.UnitLabel);
        return Invalid();
    }

    private SubscriptionRequest Asked() => new()
    {
        OfferCode = Offer, Quantity = Quantity, StartDate = StartDate, ForMemberCommunes = ForMemberCommunes,
    };

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
