using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Application.Features.Subscriptions;

/// <summary>One subscription with its full history.</summary>
public static class GetSubscription
{
    [SentBy(Caller.SignedIn)]
    public sealed record Query(Guid Id) : IQuery<SubscriptionView>, ISubscriptionRequest
    {
        Guid ISubscriptionRequest.SubscriptionId => Id;
    }

    public sealed class Handler(ISaasDbContext db, TimeProvider clock) : IQueryHandler<Query, SubscriptionView>
    {
        public async ValueTask<SubscriptionView> Handle(Query query, CancellationToken cancellationToken)
        {
            var subscription = await db.SubscriptionAsync(query.Id, cancellationToken);
            return SubscriptionView.From(subscription, await db.TenantNameAsync(subscription.TenantId, cancellationToken),
                clock.Today(), withHistory: true);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/subscriptions/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .RequireCallerOf<Query>()
            .WithName("GetSubscription")
            .WithSummary("Un abonnement et l'historique de ses modifications.");
}
