using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Email;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Accounts;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>
/// Invite a person by e-mail. Staff: to one or more tenants with a tenant role, or to the syndicate's team (Staff,
/// Treasury). A tenant's administrator: colleagues to the active tenant only, with a tenant role. An address that
/// already has an account is attached to the tenants when the invitation is accepted (no new password).
/// </summary>
public static class InviteUser
{
    /// <param name="Role">TenantAdmin, TenantUser, Staff or Treasury.</param>
    /// <param name="TenantIds">The tenants (tenant roles); a tenant's administrator may leave it out (the active tenant).</param>
    [SentBy(Caller.TenantAdmin)]
    public sealed record Command(string? Email, string? Role, IReadOnlyList<Guid>? TenantIds) : ICommand<InvitationView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("L'adresse e-mail est obligatoire.")
                .EmailAddress().WithMessage("L'adresse e-mail n'est pas valide.").MaximumLength(256);
            RuleFor(c => c.Role).NotEmpty().WithMessage("Le rôle est obligatoire.")
                .Must(r => r is null || Invitation.TenantRoles.Contains(r) || Invitation.GlobalRoles.Contains(r))
                .WithMessage("Rôle inconnu : TenantAdmin, TenantUser, Staff ou Treasury.");
            RuleFor(c => c.TenantIds).Must(t => t is null || t.Count <= 50).WithMessage("Au plus 50 collectivités par invitation.");
            RuleFor(c => c.Email).XmlSafeText();
            RuleFor(c => c.Role).XmlSafeText();
        }
    }

    public sealed class Handler(
        ISaasDbContext db, ITenantContext tenantContext, ICurrentUser user, UserManager<ApplicationUser> users, AuditTrail audit,
        IEmailOutbox outbox, PortalLinks links, IOptions<AccountsOptions> options, TimeProvider clock)
        : ICommandHandler<Command, InvitationView>
    {
        public async ValueTask<InvitationView> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email!.Trim();
            var role = command.Role!;
            var global = Invitation.GlobalRoles.Contains(role);
            var staff = user.IsInRole(Roles.Staff);
            List<Guid> tenantIds;
            if (staff)
            {
                tenantIds = (command.TenantIds ?? []).Distinct().ToList();
                if (tenantIds.Count > 0)
                {
                    var known = await db.Tenants.Where(t => tenantIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
                    if (known.Count != tenantIds.Count) throw new NotFoundException("Collectivité introuvable.");
                }
            }
            else
            {
                // Not staff, hence ([SentBy]) the active tenant's administrator: for that tenant only, another answers 404
                // (as TenantAccessBehavior); a global role is staff's to give.
                var active = tenantContext.TenantId ?? throw new InvalidOperationException("A tenant's administrator acts for an active tenant.");
                tenantIds = (command.TenantIds ?? []).Distinct().ToList();
                if (tenantIds.Any(t => t != active)) throw new NotFoundException("Collectivité introuvable.");
                if (global)
                    throw new ForbiddenException($"role : seul un agent du syndicat peut donner le rôle « {role} ». Choisissez TenantAdmin ou TenantUser.");
                tenantIds = [active];
            }

            var existing = await users.FindByEmailAsync(email);
            if (existing is not null)
            {
                if (global && await users.IsInRoleAsync(existing, role))
                    throw new ConflictException($"{email} a déjà le rôle {AccountRules.RoleLabel(role)}.");
                var already = await db.TenantMembers.Where(m => m.UserId == existing.Id && tenantIds.Contains(m.TenantId))
                    .Join(db.Tenants, m => m.TenantId, t => t.Id, (m, t) => t.Name).ToListAsync(cancellationToken);
                if (already.Count > 0)
                    throw new ConflictException($"{email} est déjà membre de {string.Join(", ", already.Order())}.");
            }
            var now = clock.GetUtcNow();
            var normalized = email.ToUpperInvariant();
            var pending = (await db.Invitations.Where(i => i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null)
                    .ToListAsync(cancellationToken))
                .Where(i => i.StatusAt(now) == InvitationStatus.Pending && (global ? i.IsGlobal : i.Tenants.Any(t => tenantIds.Contains(t.TenantId))))
                .ToList();
            if (pending.Count > 0)
                throw new ConflictException($"Une invitation de {email} est déjà en attente (envoyée le {pending[0].LastSentAt.ToLocalTime():dd/MM/yyyy}) : renvoyez-la plutôt.");

            var (token, hash) = AccountRules.NewToken();
            var invitation = Invitation.Create(email, role, tenantIds, hash, now, AccountRules.ExpiryFrom(now, options),
                user.UserId, user.Email);
            db.Invitations.Add(invitation);
            await AccountRules.SendAsync(invitation, token, db, outbox, links, user, cancellationToken);
            audit.Record(AccountRules.AuditArea, "InviteUser", email, null,
                new { invitation.Id, invitation.Email, invitation.Role, Tenants = tenantIds, invitation.ExpiresAt, ExistingAccount = existing is not null },
                justification: null);
            return (await InvitationView.DescribeAsync([invitation], db, now, cancellationToken))[0];
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/invitations", async (Command command, ISender sender, CancellationToken ct) =>
            {
                var invitation = await sender.Send(command, ct);
                return TypedResults.Created($"/api/v1/invitations/{invitation.Id}", invitation);
            })
            .RequireCallerOf<Command>()
            .WithName("InviteUser")
            .WithSummary("Inviter une personne par e-mail (agents : toute collectivité ou l'équipe du syndicat ; administrateur : sa collectivité).")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
