using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Application.Features.Subscriptions;

/// <summary>
/// Subscribes: a tenant for itself from today on, or staff for any tenant, possibly from a past date
/// (recording an existing contract). Refused, changing nothing, when the quote says it may not be made, or when the
/// tenant already has an open subscription of the offer (409: change its quantity instead).
/// </summary>
public static class CreateSubscription
{
    [SentBy(Caller.TenantAdmin)]
    public sealed record Command(SubscriptionRequest Body) : ICommand<SubscriptionView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ITenantContext tenantContext, TimeProvider clock) =>
            RuleFor(c => c.Body).SetValidator(new SubscriptionRequest.Validator(tenantContext, clock));
    }

    public sealed class Handler(ISaasDbContext db, SubscriptionQuotes quotes, ICurrentUser user, ITenantContext tenantContext, TimeProvider clock)
        : ICommandHandler<Command, SubscriptionView>
    {
        public async ValueTask<SubscriptionView> Handle(Command command, CancellationToken cancellationToken)
        {
            var r = command.Body;
            var today = clock.Today();
            var context = await quotes.LoadAsync(r.TenantId, r.OfferCode!, cancellationToken);
            await quotes.EnsureNoOpenSubscriptionAsync(context, r.ForMemberCommunes, today, cancellationToken);
            var quote = await quotes.QuoteAsync(context, r.Quantity!.Value, r.StartDate ?? today, r.ForMemberCommunes, tenantContext.IsHost, cancellationToken);
            var subscription = SubscriptionQuotes.Subscribe(context, quote, r.ForMemberCommunes,
                SubscriptionAccess.Actor(user, tenantContext), clock.GetUtcNow());
            db.Subscriptions.Add(subscription);
            return SubscriptionView.From(subscription, context.Tenant.Name, today, withHistory: true);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/subscriptions", async (SubscriptionRequest body, ISender sender, CancellationToken ct) =>
            {
                var view = await sender.Send(new Command(body), ct);
                return TypedResults.Created($"/api/v1/subscriptions/{view.Id}", view);
            })
            .RequireCallerOf<Command>()
            .WithName("CreateSubscription")
            .WithSummary("Souscrire une offre (les agents peuvent préciser tenantId et une date de début passée).");
}
