using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Accounts;

namespace SommeNumerique.Saas.Web.Pages.Shared;

/// <summary>
/// A tenant's members and invitations, with their actions (invite, change a role, remove, re-send, revoke): the tenant
/// administrator's page (/Tenant/Members, the active tenant) and the staff page (/Staff/Tenants/Members?id=) alike.
/// Every action is the API's use case; refusals are shown at the top of the page.
/// </summary>
public abstract class MembersPageModel(ISender sender) : PageModel
{
    public sealed class InviteInput
    {
        public string? Email { get; set; }
        public string? Role { get; set; } = "TenantUser";
    }

    [BindProperty] public InviteInput Invite { get; set; } = new();
    public Guid TenantId { get; private set; }
    public string TenantName { get; private set; } = "";
    public IReadOnlyList<ListTenantMembers.MemberView> Members { get; private set; } = [];
    public IReadOnlyList<InvitationView> Invitations { get; private set; } = [];
    public string? Done { get; private set; }

    /// <summary>Route values the page's forms carry (the staff page's <c>id</c>).</summary>
    public virtual Dictionary<string, string> FormRoute => [];

    /// <summary>The tenant of the page, its name, and the page's own address (for redirects), or null to go home.</summary>
    protected abstract Task<(Guid Id, string Name, string Self)?> ResolveAsync(CancellationToken ct);

    private static readonly Dictionary<string, string> Messages = new()
    {
        ["invited"] = "Invitation envoyée.",
        ["role"] = "Rôle modifié.",
        ["removed"] = "La personne a été retirée de la collectivité.",
        ["resent"] = "Invitation renvoyée : l'ancien lien ne fonctionne plus.",
        ["revoked"] = "Invitation annulée.",
    };

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (await ResolveAsync(ct) is not { } tenant) return Redirect("/");
        await LoadAsync(tenant, ct);
        Done = done is not null ? Messages.GetValueOrDefault(done) : null;
        return Page();
    }

    public Task<IActionResult> OnPostInviteAsync(CancellationToken ct) =>
        ActAsync("invited", "Invite", id => sender.TrySendAsync(new InviteUser.Command(Invite.Email, Invite.Role, [id]), ModelState, "Invite", ct), ct);

    public Task<IActionResult> OnPostRoleAsync(Guid userId, string? role, CancellationToken ct) =>
        ActAsync("role", null, id => sender.TrySendAsync(new ChangeMemberRole.Command(id, userId, new ChangeMemberRole.Body(role)), ModelState, "", ct), ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid userId, CancellationToken ct) =>
        ActAsync("removed", null, async id =>
        {
            try
            {
                await sender.Send(new RemoveTenantMember.Command(id, userId), ct);
                return new object();
            }
            catch (Exception e) when (e is SommeNumerique.Saas.Domain.DomainException or SommeNumerique.Saas.Application.Common.ConflictException
                                          or SommeNumerique.Saas.Application.Common.NotFoundException)
            {
                ModelState.AddModelError(string.Empty, e.Message);
                return null;
            }
        }, ct);

    public Task<IActionResult> OnPostResendAsync(Guid invitationId, CancellationToken ct) =>
        ActAsync("resent", null, id => sender.TrySendAsync(new ResendInvitation.Command(invitationId), ModelState, "", ct), ct);

    public Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken ct) =>
        ActAsync("revoked", null, id => sender.TrySendAsync(new RevokeInvitation.Command(invitationId), ModelState, "", ct), ct);

    private async Task<IActionResult> ActAsync<T>(string done, string? form, Func<Guid, Task<T?>> act, CancellationToken ct) where T : class
    {
        if (await ResolveAsync(ct) is not { } tenant) return Redirect("/");
        if (await act(tenant.Id) is not null) return Redirect($"{tenant.Self}{(tenant.Self.Contains('?') ? '&' : '?')}done={done}");
        if (ModelState.ErrorCount == 0) ModelState.AddModelError(string.Empty, "Action impossible : rechargez la page puis recommencez.");
        await LoadAsync(tenant, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync((Guid Id, string Name, string Self) tenant, CancellationToken ct)
    {
        TenantId = tenant.Id;
        TenantName = tenant.Name;
        Members = await sender.Send(new ListTenantMembers.Query(tenant.Id), ct);
        Invitations = (await sender.Send(new ListInvitations.Query(tenant.Id, "pending", 1, 200), ct)).Items
            .Concat((await sender.Send(new ListInvitations.Query(tenant.Id, "expired", 1, 200), ct)).Items)
            .OrderByDescending(i => i.LastSentAt).ToList();
    }
}
