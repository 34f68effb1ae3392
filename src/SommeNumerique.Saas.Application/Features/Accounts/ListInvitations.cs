using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Accounts;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>
/// Invitations, newest first. Staff: all, or one tenant's (<c>tenantId</c>); a tenant's administrator: those of the
/// active tenant. <c>status</c>: pending, accepted, revoked or expired.
/// </summary>
public static class ListInvitations
{
    [SentBy(Caller.TenantAdmin)]
    public sealed record Query(Guid? TenantId, string? Status, int? Page, int? PageSize) : IQuery<PagedResult<InvitationView>>;

    private static readonly string[] Statuses = ["pending", "accepted", "revoked", "expired"];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).Must(s => s is null || Statuses.Contains(s.ToLowerInvariant()))
                .WithMessage("Statut inconnu : pending, accepted, revoked ou expired.");
            RuleFor(q => q.Status).XmlSafeText();
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("La page commence à 1.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, 200).WithMessage("La taille de page doit être comprise entre 1 et 200.");
        }
    }

    public sealed class Handler(ISaasDbContext db, ITenantContext tenantContext, ICurrentUser user, TimeProvider clock)
        : IQueryHandler<Query, PagedResult<InvitationView>>
    {
        public async ValueTask<PagedResult<InvitationView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var tenantId = query.TenantId;
            if (!user.IsInRole(Roles.Staff))
            {
                // Not staff, hence ([SentBy]) the active tenant's administrator: that tenant's invitations only, another answers 404.
                tenantId ??= tenantContext.TenantId;
                if (tenantId != tenantContext.TenantId) throw new NotFoundException("Collectivité introuvable.");
            }
            var now = clock.GetUtcNow();
            var invitations = db.Invitations.AsNoTracking();
            if (tenantId is { } id) invitations = invitations.Where(i => i.Tenants.Any(t => t.TenantId == id));
            invitations = query.Status?.ToLowerInvariant() switch
            {
                "accepted" => invitations.Where(i => i.AcceptedAt != null),
                "revoked" => invitations.Where(i => i.RevokedAt != null),
                "pending" => invitations.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now),
                "expired" => invitations.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt <= now),
                _ => invitations,
            };
            var page = query.Page ?? 1;
            var pageSize = query.PageSize ?? 50;
            var total = await invitations.CountAsync(cancellationToken);
            var items = await invitations.OrderByDescending(i => i.LastSentAt).ThenBy(i => i.Email)
                .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            return new PagedResult<InvitationView>(await InvitationView.DescribeAsync(items, db, now, cancellationToken), total, page, pageSize);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invitations", async ([AsParameters] Query query, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query, ct)))
            .RequireCallerOf<Query>()
            .WithName("ListInvitations")
            .WithSummary("Invitations (agents : toutes ou d'une collectivité ; administrateur : celles de sa collectivité).")
            .ProducesProblem(StatusCodes.Status404NotFound);
}

/// <summary>
/// Loads an invitation the caller may act on (staff: any; the active tenant's administrator, as the requests declare:
/// one for the active tenant only, another answering 404).
/// </summary>
internal static class InvitationAccess
{
    public static async Task<Invitation> LoadAsync(ISaasDbContext db, ICurrentUser user, ITenantContext tenantContext, Guid id, CancellationToken ct)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new NotFoundException("Invitation introuvable.");
        if (user.IsInRole(Roles.Staff)) return invitation;
        if (tenantContext.TenantId is not { } active || invitation.Tenants.All(t => t.TenantId != active))
            throw new NotFoundException("Invitation introuvable.");
        if (invitation.Tenants.Any(t => t.TenantId != active))
            throw new ForbiddenException("Cette invitation concerne aussi d'autres collectivités : seul un agent du syndicat peut la modifier.");
        return invitation;
    }
}
