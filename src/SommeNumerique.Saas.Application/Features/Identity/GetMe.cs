using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Application.Identity;
using Roles = SommeNumerique.Saas.Application.Identity.Roles;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Identity;

/// <summary>Who am I: the user, the roles in force for this request, the tenants I may act for, the active one.</summary>
public static class GetMe
{
    [SentBy(Caller.SignedIn)]
    public sealed record Query : IQuery<Me>;

    public sealed record Me(
        Guid UserId, string? Email, string? DisplayName, IReadOnlyList<string> Roles, string Scope,
        IReadOnlyList<TenantOfUser> Tenants, TenantOfUser? ActiveTenant);

    public sealed record TenantOfUser(Guid Id, string Name, string Kind, string Role);

    private static readonly string[] AllRoles = [Roles.Staff, Roles.Treasury, Roles.TenantAdmin, Roles.TenantUser];

    public sealed class Handler(ICurrentUser user, ITenantContext tenantContext) : IQueryHandler<Query, Me>
    {
        public ValueTask<Me> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.UserId ?? throw new InvalidOperationException("GetMe requires a signed-in user.");
            return ValueTask.FromResult(new Me(
                userId,
                user.Email,
                user.DisplayName,
                AllRoles.Where(user.IsInRole).ToList(),
                tenantContext.Scope.ToString().ToLowerInvariant(),
                tenantContext.AvailableTenants.Select(ToDto).ToList(),
                tenantContext.ActiveTenant is { } active ? ToDto(active) : null));
        }

        private static TenantOfUser ToDto(TenantAccess access) =>
            new(access.TenantId, access.TenantName, access.Kind.Code(), access.Role.ToString());
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(), ct)))
            .RequireCallerOf<Query>()
            .WithName("GetMe")
            .WithSummary("L'utilisateur connecté, ses rôles, ses collectivités et la collectivité active.");
}
