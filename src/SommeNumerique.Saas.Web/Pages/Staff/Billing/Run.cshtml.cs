using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Staff.Billing;

/// <summary>
/// Staff: one billing run — its preview (per tenant), issuing or abandoning it, and the progress of an
/// issue (the page refreshes itself while the invoices are created in the background).
/// </summary>
public sealed class RunModel(ISender sender, ICurrentUser user) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    /// <summary>"false" stops the automatic refresh during an issue (for screen reader users, or to read quietly).</summary>
    [BindProperty(SupportsGet = true)] public bool Auto { get; set; } = true;

    public BillingRunView? Run { get; private set; }
    public string? Message { get; private set; }
    public bool IsStaff => user.IsInRole(Roles.Staff);
    public bool Refreshing => Run?.Status == "Issuing" && Auto;
    public int CurrentPage => Math.Max(PageNumber ?? 1, 1);
    public int PageCount => Run is null ? 1 : Math.Max(1, (Run.TenantRowCount + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        Message = done;
        if (Refreshing) Response.Headers.Append("Refresh", "2");
        return Page();
    }

    [HandlerPolicy(Policies.Staff)]
    public Task<IActionResult> OnPostIssueAsync(CancellationToken ct) =>
        Send(new IssueBillingRun.Command(Id), "Émission lancée : les factures sont créées en arrière-plan. Cette page suit l'avancement.", ct);

    [HandlerPolicy(Policies.Staff)]
    public Task<IActionResult> OnPostAbandonAsync(CancellationToken ct) =>
        Send(new AbandonBillingRun.Command(Id), "Aperçu abandonné : rien n'a été facturé. Vous pouvez lancer une nouvelle facturation de la période.", ct);

    private async Task<IActionResult> Send(ICommand<BillingRunView> command, string done, CancellationToken ct)
    {
        var status = StatusCodes.Status409Conflict;
        try
        {
            var result = await sender.TrySendAsync(command, ModelState, "", ct);
            if (result is not null) return Redirect($"/Staff/Billing/Run?id={Id}&done={Uri.EscapeDataString(done)}");
        }
        catch (ForbiddenException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            status = StatusCodes.Status403Forbidden;
        }
        if (!await Load(ct)) return NotFound();
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        try
        {
            Run = await sender.Send(new GetBillingRun.Query(Id, CurrentPage, PageSize, string.IsNullOrWhiteSpace(Search) ? null : Search), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>This page's address with another page number (the search is kept).</summary>
    public string PageUrl(int page) =>
        $"/Staff/Billing/Run?id={Id}&search={Uri.EscapeDataString(Search ?? "")}&p={page}{(Auto ? "" : "&auto=false")}";
}
