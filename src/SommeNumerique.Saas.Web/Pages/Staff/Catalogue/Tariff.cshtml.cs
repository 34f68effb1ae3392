using SommeNumerique.Saas.Domain;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Catalogue.Admin;

namespace SommeNumerique.Saas.Web.Pages.Staff.Catalogue;

/// <summary>Staff: records a voted tariff for one offer.</summary>
public sealed class TariffModel(ISender sender, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Offer { get; set; } = "";
    [BindProperty] public AddTariffVersion.Body Tariff { get; set; } = new();
    public string? ItemCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await FindItem(ct)) return NotFound();
        var today = clock.Today();
        Tariff = new AddTariffVersion.Body { DeliberationBody = "Comité syndical", EffectiveFrom = today, Model = "PerUnitPerYear", Vat = "Standard" };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await FindItem(ct)) return NotFound();
        if (!ModelState.IsValid)
        {
            // Numbers or dates the browser sent in a form .NET could not read: say which, in French.
            foreach (var (key, entry) in ModelState.Where(e => e.Value!.Errors.Count > 0).ToList())
            {
                entry!.Errors.Clear();
                ModelState.AddModelError(key, "Valeur illisible : saisissez un nombre (ex. 35,00) ou une date valide.");
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var added = await sender.TrySendAsync(new AddTariffVersion.Command(Offer, Tariff), ModelState, "Tariff", ct);
        if (added is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/Staff/Catalogue/Item?code={ItemCode}&done={Uri.EscapeDataString($"Tarif enregistré pour {Offer.ToUpperInvariant()} : publiez l'offre pour la rendre visible.")}");
    }

    /// <summary>The offer must belong to the service named in the link.</summary>
    private async Task<bool> FindItem(CancellationToken ct)
    {
        try
        {
            var details = await sender.Send(new GetCatalogueItem.Query(Code), ct);
            ItemCode = details.Item.Code;
            return details.Item.Offers.Any(o => o.Code == Offer.Trim().ToUpperInvariant());
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
