using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain;

namespace SommeNumerique.Saas.Web.Pages.Subscriptions;

/// <summary>One subscription: facts, quantity change, termination request, history.</summary>
public sealed class DetailsModel(ISender sender, ITenantContext tenant, ICurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int? NewQuantity { get; set; }
    /// <summary>From when the quantity changes; empty: today's rule. Staff may give a past day, with a reason.</summary>
    [BindProperty] public DateOnly? EffectiveDate { get; set; }
    [BindProperty] public DateOnly? LastDay { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public SubscriptionView? Subscription { get; private set; }
    public string? Message { get; private set; }
    public bool IsStaff => tenant.IsHost && user.IsInRole(Roles.Staff);
    public DateOnly Today => clock.Today();

    public async Task<IActionResult> OnGetAsync(bool created, string? done, CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        NewQuantity = Subscription!.Quantity;
        LastDay = Subscription.EarliestTermination;
        Message = created ? "Votre souscription est enregistrée." : done;
        return Page();
    }

    public Task<IActionResult> OnPostQuantityAsync(CancellationToken ct) =>
        Run(new ChangeSubscriptionQuantity.Command(Id, new(NewQuantity, Version, Reason, EffectiveDate)), "Quantité modifiée.", "NewQuantity", ct);

    public Task<IActionResult> OnPostTerminateAsync(CancellationToken ct) =>
        Run(new TerminateSubscription.Command(Id, new(LastDay, Version, Reason)), "Résiliation enregistrée.", "LastDay", ct);

    private async Task<IActionResult> Run(ICommand<SubscriptionView> command, string done, string field, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await sender.TrySendAsync(command, ModelState, "", ct);
            if (result is not null) return Redirect($"/Subscriptions/Details?id={Id}&done={Uri.EscapeDataString(done)}");
            // The termination form shows one field's errors: its reason's refusal goes there too.
            if (field == nameof(LastDay) && ModelState.TryGetValue(nameof(Reason), out var reason) && reason.Errors.Count > 0)
            {
                var message = reason.Errors[0].ErrorMessage;
                ModelState.Remove(nameof(Reason));
                ModelState.AddModelError(field, message);
            }
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
