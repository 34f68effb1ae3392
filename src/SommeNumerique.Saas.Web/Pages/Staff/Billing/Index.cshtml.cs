using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Staff.Billing;

/// <summary>Staff: the billing runs, newest first, and starting a run of a period (preview by default).</summary>
public sealed class IndexModel(ISender sender, ICurrentUser user) : PageModel
{
    [BindProperty] public string? Period { get; set; }
    [BindProperty] public bool DryRun { get; set; } = true;

    public IReadOnlyList<ListBillingRuns.Summary> Runs { get; private set; } = [];
    public string? Message { get; private set; }
    /// <summary>After a refusal because the period already has an open run: that run, to open it.</summary>
    public ListBillingRuns.Summary? OpenRun { get; private set; }
    /// <summary>Treasury agents see the runs; only staff start them.</summary>
    public bool IsStaff => user.IsInRole(Roles.Staff);

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Message = done;
        Runs = await sender.Send(new ListBillingRuns.Query(), ct);
    }

    [HandlerPolicy(Policies.Staff)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var status = StatusCodes.Status400BadRequest;
        if (ModelState.IsValid)
        {
            try
            {
                var run = await sender.TrySendAsync(new StartBillingRun.Command(new StartBillingRun.Request(Period, DryRun)), ModelState, "", ct);
                if (run is not null)
                {
                    var done = DryRun
                        ? $"Aperçu de la période {run.Period} calculé : rien n'est facturé tant que vous n'émettez pas les factures."
                        : $"Facturation de la période {run.Period} lancée : les factures sont émises en arrière-plan.";
                    return Redirect($"/Staff/Billing/Run?id={run.Id}&done={Uri.EscapeDataString(done)}");
                }
            }
            catch (ForbiddenException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
                status = StatusCodes.Status403Forbidden;
            }
        }
        Runs = await sender.Send(new ListBillingRuns.Query(), ct);
        if (BillingPeriods.TryParse(Period, out var period, out _))
            OpenRun = Runs.FirstOrDefault(r => r.Period == period.Label && r.Status is "Previewed" or "Issuing");
        if (ModelState.TryGetValue(string.Empty, out var general) && general.Errors.Count > 0 && OpenRun is not null)
            status = StatusCodes.Status409Conflict;
        Response.StatusCode = status;
        return Page();
    }
}
