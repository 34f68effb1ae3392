using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.Tenancy;

namespace SommeNumerique.Saas.Web.Pages.Subscriptions;

/// <summary>One subscription: facts, quantity change, termination request, history.</summary>
public sealed class DetailsModel(ISender sender, ITenantContext tenant, ICurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int? NewQuantity { get; set; }
    [BindProperty] public DateOnly? LastDay { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public SubscriptionView? Subscription { get; private set; }
    public string? Message { get; private set; }
    public bool IsStaff => tenant.IsHost && user.IsInRole(Roles.Staff);

    public async Task<IActionResult> OnGetAsync(bool created, string? done, CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        NewQuantity = Subscription!.Quantity;
        LastDay = Subscription.EarliestTermination;
        Message = created ? "Votre souscription est enregistrée." : done;
        return Page();
    }

    public Task<IActionResult> OnPostQuantityAsync(CancellationToken ct) =>
        Run(new ChangeSubscriptionQuantity.Command(Id, new(NewQuantity, Version, Reason)), "Quantité modifiée.", "NewQuantity", ct);

    public Task<IActionResult> OnPostTerminateAsync(CancellationToken ct) =>
        Run(new TerminateSubscription.Command(Id, new(LastDay, Version, Reason)), "Résiliation enregistrée.", "LastDay", ct);

    private async Task<IActionResult> Run(ICommand<SubscriptionView> command, string done, string field, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await sender.TrySendAsync(command, ModelState, "", ct);
            if (result is not null) return Redirect($"/Subscriptions/Details?id={Id}&done={Uri.EscapeDataString(done)}");
            // Rule refusals concern the field the user just filled: show them there too.
            if (ModelState.TryGetValue(string.Empty, out var general) && general.Errors.Count > 0)
            {
                var message = general.Errors[0].ErrorMessage;
                ModelState.Remove(string.Empty);
                ModelState.AddModelError(field, message);
            }
        }
        if (!await Load(ct)) return NotFound();
        NewQuantity ??= Subscription!.Quantity;
        LastDay ??= Subscription!.EarliestTermination;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        try
        {
            Subscription = await sender.Send(new GetSubscription.Query(Id), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
