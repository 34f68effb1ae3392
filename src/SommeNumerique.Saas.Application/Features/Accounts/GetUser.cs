using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>Staff: one account.</summary>
public static class GetUser
{
    [SentBy(Caller.Staff)]
    public sealed record Query(Guid Id) : IQuery<UserView>;

    public sealed class Handler(ISaasDbContext db, UserManager<ApplicationUser> users, TimeProvider clock) : IQueryHandler<Query, UserView>
    {
        public async ValueTask<UserView> Handle(Query query, CancellationToken cancellationToken)
        {
            var account = await users.FindByIdAsync(query.Id.ToString()) ?? throw new NotFoundException("Compte introuvable.");
            return (await UserView.DescribeAsync([account], db, users, clock.GetUtcNow(), cancellationToken))[0];
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/users/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .RequireCallerOf<Query>()
            .WithName("GetUser")
            .WithSummary("Un compte : rôles, collectivités, état, double authentification (agents du syndicat).");
}
