using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Accounts;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Web.Pages.Shared;

namespace SommeNumerique.Saas.Web.Pages.Staff;

/// <summary>Staff: the accounts (search, deactivate, reactivate) and invitations of staff, treasury or a tenant's people.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class UsersModel(ISender sender) : PageModel
{
    public const int PageSize = 50;

    public sealed class InviteInput
    {
        public string? Email { get; set; }
        public string? Role { get; set; } = "TenantAdmin";
        /// <summary>INSEE code or SIREN of the tenant (tenant roles).</summary>
        public string? Tenant { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty] public InviteInput Invite { get; set; } = new();
    public PagedResult<UserView> Users { get; private set; } = new([], 0, 1, PageSize);
    public ListNavigation Navigation { get; private set; } = null!;
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        await LoadAsync(ct);
        Done = done switch
        {
            "invited" => "Invitation envoyée.",
            "deactivated" => "Compte désactivé : ses sessions prennent fin.",
            "reactivated" => "Compte réactivé.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid userId, CancellationToken ct) =>
        await ActAsync(() => sender.TrySendAsync(new DeactivateUser.Command(userId), ModelState, "", ct), "deactivated", ct);

    public async Task<IActionResult> OnPostReactivateAsync(Guid userId, CancellationToken ct) =>
        await ActAsync(() => sender.TrySendAsync(new ReactivateUser.Command(userId), ModelState, "", ct), "reactivated", ct);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct) =>
        await ActAsync(async () =>
        {
            List<Guid> tenants = [];
            if (Invite.Role is "TenantAdmin" or "TenantUser")
            {
                var code = Invite.Tenant?.Replace(" ", "").Trim();
                var found = string.IsNullOrEmpty(code) ? null
                    : await sender.TrySendAsync(new ListTenants.Query(null, code, null, 1, 5), ModelState, "Invite", ct);
                var match = found?.Items.Where(t => t.InseeCode == code || t.Siren == code).ToList() ?? [];
                if (match.Count != 1)
                {
                    ModelState.AddModelError("Invite.Tenant", "Indiquez le code INSEE ou le SIREN d'une collectivité.");
                    return null;
                }
                tenants.Add(match[0].Id);
            }
            return await sender.TrySendAsync(new InviteUser.Command(Invite.Email, Invite.Role, tenants), ModelState, "Invite", ct);
        }, "invited", ct);

    private async Task<IActionResult> ActAsync<T>(Func<Task<T?>> act, string done, CancellationToken ct) where T : class
    {
        if (await act() is not null) return Redirect($"/Staff/Users?done={done}{(string.IsNullOrEmpty(Search) ? "" : "&search=" + Uri.EscapeDataString(Search))}");
        if (ModelState.ErrorCount == 0) ModelState.AddModelError(string.Empty, "Action impossible : rechargez la page puis recommencez.");
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Navigation = new ListNavigation(Request, PageSize, "email");
        Users = await sender.Send(new ListUsers.Query(Search, Navigation.Page, PageSize), ct);
        Navigation.Total = Users.Total;
    }
}
