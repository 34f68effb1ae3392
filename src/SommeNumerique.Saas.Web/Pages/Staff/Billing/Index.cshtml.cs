using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Web.Pages.Shared;
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

    public const int PageSize = 50;
    /// <summary>The columns the runs may be sorted by; default: newest first.</summary>
    public static readonly ListSorting<ListBillingRuns.Summary> Sorting = new ListSorting<ListBillingRuns.Summary>("createdAt", defaultDescending: true)
        .Column("createdAt", r => r.CreatedAt, r => r.Period)
        .Column("period", r => r.Period, r => r.CreatedAt)
        .Column("status", r => r.Status, r => r.CreatedAt);
    public ListNavigation List { get; private set; } = null!;

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Message = done;
        await LoadRunsAsync(ct);
    }

    private async Task LoadRunsAsync(CancellationToken ct)
    {
        List = new ListNavigation(Request, PageSize, Sorting.DefaultKey, Sorting.DefaultDescending);
        try
        {
            Runs = List.PageOf(Sorting.Apply((await sender.Send(new ListBillingRuns.Query(), ct)).AsQueryable(), List.Sort, List.Dir).ToList());
        }
        catch (FluentValidation.ValidationException e)
        {
            foreach (var error in e.Errors) ModelState.AddModelError(string.Empty, error.ErrorMessage);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
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
        await LoadRunsAsync(ct);
        if (BillingPeriod.TryParse(Period, out var period))
            OpenRun = Runs.FirstOrDefault(r => r.Period == period.Label && r.Status is "Previewed" or "Issuing");
        if (ModelState.TryGetValue(string.Empty, out var general) && general.Errors.Count > 0 && OpenRun is not null)
            status = StatusCodes.Status409Conflict;
        Response.StatusCode = status;
        return Page();
    }
}
