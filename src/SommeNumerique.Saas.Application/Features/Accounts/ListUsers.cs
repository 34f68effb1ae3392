using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>Staff: the accounts (e-mail or name search), with their global roles, tenants, state and second factor.</summary>
public static class ListUsers
{
    [SentBy(Caller.Staff)]
    public sealed record Query(string? Search, int? Page, int? PageSize) : IQuery<PagedResult<UserView>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Search).MaximumLength(100).WithMessage("La recherche est limitée à 100 caractères.");
            RuleFor(q => q.Search).XmlSafeText();
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("La page commence à 1.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, 200).WithMessage("La taille de page doit être comprise entre 1 et 200.");
        }
    }

    public sealed class Handler(ISaasDbContext db, UserManager<ApplicationUser> users, TimeProvider clock) : IQueryHandler<Query, PagedResult<UserView>>
    {
        public async ValueTask<PagedResult<UserView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = query.Page ?? 1;
            var pageSize = query.PageSize ?? 50;
            var accounts = users.Users.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var search = query.Search.Trim().ToUpperInvariant();
                accounts = accounts.Where(u => u.NormalizedEmail!.Contains(search) || u.DisplayName.ToUpper().Contains(search));
            }
            var total = await accounts.CountAsync(cancellationToken);
            var items = await accounts.OrderBy(u => u.NormalizedEmail).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            return new PagedResult<UserView>(await UserView.DescribeAsync(items, db, users, clock.GetUtcNow(), cancellationToken), total, page, pageSize);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/users", async ([AsParameters] Query query, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query, ct)))
            .RequireCallerOf<Query>()
            .WithName("ListUsers")
            .WithSummary("Les comptes : rôles, collectivités, actif ou désactivé, double authentification (agents du syndicat).");
}

/// <summary>An account as staff see it.</summary>
public sealed record UserView(
    Guid Id, string? Email, string DisplayName, bool EmailConfirmed, IReadOnlyList<string> Roles, IReadOnlyList<UserView.TenantOfUser> Tenants,
    bool Active, DateTimeOffset? DeactivatedUntil, bool TwoFactorEnabled)
{
    public sealed record TenantOfUser(Guid Id, string Name, string Role, DateTimeOffset Since);

    public static async Task<IReadOnlyList<UserView>> DescribeAsync(
        IReadOnlyList<ApplicationUser> accounts, ISaasDbContext db, UserManager<ApplicationUser> users, DateTimeOffset now, CancellationToken ct)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var memberships = await db.TenantMembers.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Join(db.Tenants, m => m.TenantId, t => t.Id, (m, t) => new { m.UserId, t.Id, t.Name, m.Role, m.GrantedAt })
            .ToListAsync(ct);
        var views = new List<UserView>();
        foreach (var account in accounts)
        {
            var roles = (await users.GetRolesAsync(account)).Order().ToList();
            var locked = account.IsDeactivatedAt(now);
            views.Add(new UserView(account.Id, account.Email, account.DisplayName, account.EmailConfirmed, roles,
                memberships.Where(m => m.UserId == account.Id).OrderBy(m => m.Name).Select(m => new TenantOfUser(m.Id, m.Name, m.Role.ToString(), m.GrantedAt)).ToList(),
                !locked, locked ? account.LockoutEnd : null, account.TwoFactorEnabled));
        }
        return views;
    }
}
