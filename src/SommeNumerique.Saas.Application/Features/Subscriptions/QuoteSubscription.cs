using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Application.Features.Subscriptions;

/// <summary>
/// Before committing: the price list applied and why, the annual HT/VAT/TTC, the first-year gratuity and
/// its end, setup fees, the commitment end and the first invoice. Changes nothing.
/// </summary>
public static class QuoteSubscription
{
    [SentBy(Caller.SignedIn)]
    public sealed record Query(SubscriptionRequest Body) : IQuery<QuoteView>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(ITenantContext tenantContext, TimeProvider clock) =>
            RuleFor(q => q.Body).SetValidator(new SubscriptionRequest.Validator(tenantContext, clock));
    }

    public sealed class Handler(SubscriptionQuotes quotes, ITenantContext tenantContext, TimeProvider clock) : IQueryHandler<Query, QuoteView>
    {
        public async ValueTask<QuoteView> Handle(Query query, CancellationToken cancellationToken)
        {
            var r = query.Body;
            var context = await quotes.LoadAsync(r.TenantId, r.OfferCode!, cancellationToken);
            return await quotes.QuoteAsync(context, r.Quantity!.Value, r.StartDate ?? clock.Today(), r.ForMemberCommunes, tenantContext.IsHost, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/subscriptions/quote", async (SubscriptionRequest body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(body), ct)))
            .RequireCallerOf<Query>()
            .WithName("QuoteSubscription")
            .WithSummary("Devis avant souscription : tarif appliqué, montants, gratuité, engagement, première facture.");
}
