using SommeNumerique.Saas.Domain;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Catalogue;
using SommeNumerique.Saas.Application.Features.Catalogue.Admin;

namespace SommeNumerique.Saas.Web.Pages.Staff.Catalogue;

/// <summary>Staff: one service, its offers and tariffs, publication, description and rules, and its history.</summary>
public sealed class ItemModel(ISender sender, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public ItemForm Item { get; set; } = new();
    [BindProperty] public AddOffer.Body NewOffer { get; set; } = new(null, null, null, 1, null);

    public GetCatalogueItem.ItemDetails? Details { get; private set; }
    public string? Message { get; private set; }
    public DateOnly Today => clock.Today();

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        Item = ItemForm.From(Details!.Item);
        Message = done;
        return Page();
    }

    public Task<IActionResult> OnPostUpdateAsync(CancellationToken ct)
    {
        var (fields, error) = Item.ToFields();
        if (fields is null)
        {
            ModelState.AddModelError("Item.ComponentsText", error!);
            return Reload(ct, keepItemForm: true);
        }
        return Run(new UpdateCatalogueItem.Command(Code, fields), "Item", "Modifications enregistrées.", ct, keepItemForm: true);
    }

    public Task<IActionResult> OnPostAddOfferAsync(CancellationToken ct) =>
        Run(new AddOffer.Command(Code, NewOffer), "NewOffer", "Offre ajoutée (non publiée).", ct);

    public Task<IActionResult> OnPostPublishAsync(string offerCode, CancellationToken ct) =>
        Run(new ChangeOfferPublication.Command(offerCode, Publish: true), "", $"Offre {offerCode} publiée.", ct);

    public Task<IActionResult> OnPostRetireAsync(string offerCode, CancellationToken ct) =>
        Run(new ChangeOfferPublication.Command(offerCode, Publish: false), "", $"Offre {offerCode} retirée du catalogue.", ct);

    public Task<IActionResult> OnPostWithdrawAsync(string offerCode, Guid versionId, string? reason, CancellationToken ct) =>
        Run(new WithdrawTariffVersion.Command(offerCode, versionId, reason), "", "Tarif programmé retiré.", ct);

    private async Task<IActionResult> Run<T>(ICommand<T> command, string prefix, string done, CancellationToken ct, bool keepItemForm = false)
        where T : class
    {
        var result = await sender.TrySendAsync(command, ModelState, prefix, ct);
        if (result is not null) return Redirect($"/Staff/Catalogue/Item?code={Code}&done={Uri.EscapeDataString(done)}");
        if (!string.IsNullOrEmpty(prefix) && prefix != "Item" && ModelState.ErrorCount > 0)
            ModelState.AddModelError(string.Empty, "La demande n'a pas été enregistrée : corrigez les champs signalés.");
        return await Reload(ct, keepItemForm);
    }

    private async Task<IActionResult> Reload(CancellationToken ct, bool keepItemForm)
    {
        if (!await Load(ct)) return NotFound();
        if (!keepItemForm) Item = ItemForm.From(Details!.Item);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        try
        {
            Details = await sender.Send(new GetCatalogueItem.Query(Code), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    public static string ModelLabel(string model) => model switch
    {
        "PerUnitPerYear" => "par unité et par an",
        "PerInhabitantPerYear" => "par habitant et par an",
        "FlatPerSitePerYear" => "forfait par site et par an",
        _ => model,
    };

    public static string Extras(TariffVersionView v)
    {
        var parts = new List<string>();
        if (v.SetupFee is { } f) parts.Add($"mise en service {Fr.Euros(f.MemberAmount)} / {Fr.Euros(f.NonMemberAmount)} HT par tranche de {f.BlockSize}");
        if (v.CommuneRate is { } c) parts.Add($"communes {Fr.Rate(c)}/hab.");
        if (v.EpciRate is { } e) parts.Add($"EPCI {Fr.Rate(e)}/hab.");
        if (v.DepartementRate is { } d) parts.Add($"Département {Fr.Rate(d)}/hab.");
        parts.AddRange(v.PayerRates.Select(p => $"{p.PayerName} {Fr.Rate(p.Rate)}/hab."));
        if (v.Floor is { } floor) parts.Add($"minimum {Fr.Euros(floor)}");
        if (v.Cap is { } cap) parts.Add($"plafond {Fr.Euros(cap)}");
        return string.Join(" ; ", parts);
    }

    public static string ActionLabel(string action) => action switch
    {
        "CreateItem" => "Création du service",
        "UpdateItem" => "Modification du service",
        "AddOffer" => "Ajout d'une offre",
        "AddTariffVersion" => "Nouveau tarif",
        "WithdrawTariffVersion" => "Retrait d'un tarif programmé",
        "PublishOffer" => "Publication",
        "RetireOffer" => "Retrait du catalogue",
        _ => action,
    };
}
