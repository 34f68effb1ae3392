using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>The members of a tenant (staff, and the tenant's administrators for their active tenant).</summary>
public static class ListTenantMembers
{
    [SentBy(Caller.TenantAdmin)]
    public sealed record Query(Guid TenantId) : IQuery<IReadOnlyList<MemberView>>, IRequireTenantAccess;

    /// <param name="Active">False when the account is deactivated.</param>
    public sealed record MemberView(Guid UserId, string? Email, string DisplayName, string Role, string RoleLabel, DateTimeOffset Since, bool Active);

    public sealed class Handler(ISaasDbContext db, UserManager<ApplicationUser> users, TimeProvider clock)
        : IQueryHandler<Query, IReadOnlyList<MemberView>>
    {
        public async ValueTask<IReadOnlyList<MemberView>> Handle(Query query, CancellationToken cancellationToken)
        {
            _ = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == query.TenantId, cancellationToken)
                ?? throw new NotFoundException("Collectivité introuvable.");
            return await Describe(db, users, query.TenantId, clock.GetUtcNow(), cancellationToken);
        }
    }

    internal static async Task<IReadOnlyList<MemberView>> Describe(
        ISaasDbContext db, UserManager<ApplicationUser> users, Guid tenantId, DateTimeOffset now, CancellationToken ct)
    {
        var members = await db.TenantMembers.AsNoTracking().Where(m => m.TenantId == tenantId).ToListAsync(ct);
        var ids = members.Select(m => m.UserId).ToList();
        var accounts = await users.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return members
            .Select(m =>
            {
                var account = accounts.GetValueOrDefault(m.UserId);
                return new MemberView(m.UserId, account?.Email, account?.DisplayName ?? "", m.Role.ToString(), AccountRules.RoleLabel(m.Role.ToString()),
                    m.GrantedAt, account is not null && !account.IsDeactivatedAt(now));
            })
            .OrderBy(m => m.Role).ThenBy(m => m.DisplayName).ThenBy(m => m.Email)
            .ToList();
    }

    /// <summary>The membership of <paramref name="userId"/> in the tenant, and whether the tenant would be left without administrator.</summary>
    /// <summary>
    /// The member about to lose its administrator role (demoted or removed), with the one rule on it: a tenant keeps at
    /// least one TenantAdmin, unless syndicate staff act.
    /// </summary>
    internal static async Task<TenantMember> LoadForChangeAsync(ISaasDbContext db, ICurrentUser user, Guid tenantId, Guid userId, bool losesAdminRole, CancellationToken ct)
    {
        var member = await db.TenantMembers.SingleOrDefaultAsync(m => m.TenantId == tenantId && m.UserId == userId, ct)
            ?? throw new NotFoundException("Cette personne n'est pas membre de la collectivité.");
        if (losesAdminRole && member.Role == TenantRole.TenantAdmin && !user.IsInRole(Roles.Staff)
            && await db.TenantMembers.CountAsync(m => m.TenantId == tenantId && m.Role == TenantRole.TenantAdmin, ct) <= 1)
            throw new ConflictException(LastAdminMessage);
        return member;
    }

    public const string LastAdminMessage =
        "La collectivité doit garder au moins un administrateur : nommez d'abord un autre administrateur (ou demandez à un agent du syndicat).";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/tenants/{id:guid}/members", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .RequireCallerOf<Query>()
            .WithName("ListTenantMembers")
            .WithSummary("Les membres d'une collectivité : personne, e-mail, rôle, depuis quand (agents et administrateurs de la collectivité).");
}
