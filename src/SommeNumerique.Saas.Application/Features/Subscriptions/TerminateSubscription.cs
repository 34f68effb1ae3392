using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain;

namespace SommeNumerique.Saas.Application.Features.Subscriptions;

/// <summary>
/// Records a termination: a tenant at the earliest at the commitment end (the refusal says when), never on a
/// past day; staff earlier with a written reason, a past last day included (a decision taken earlier).
/// </summary>
public static class TerminateSubscription
{
    /// <param name="LastDay">Last day of service; default: the earliest allowed.</param>
    /// <param name="EffectiveDate">The same as <paramref name="LastDay"/> (the last day of service), under the name the quantity change uses.</param>
    public sealed record Body(DateOnly? LastDay, int? Version, string? Reason, DateOnly? EffectiveDate = null);

    [SentBy(Caller.SignedIn)]
    public sealed record Command(Guid Id, Body Body) : ICommand<SubscriptionView>, ISubscriptionRequest
    {
        Guid ISubscriptionRequest.SubscriptionId => Id;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            var today = clock.Today();
            RuleFor(c => c.Body.Reason).MaximumLength(1000);
            RuleFor(c => c.Body.Reason).XmlSafeText();
            RuleFor(c => c.Body.EffectiveDate).SubscriptionChangeDate(today);
            RuleFor(c => c.Body.EffectiveDate).Equal(c => c.Body.LastDay).When(c => c.Body.LastDay is not null && c.Body.EffectiveDate is not null)
                .WithMessage("La date d'effet et le dernier jour de service diffèrent : indiquez l'un ou l'autre.");
        }
    }

    public sealed class Handler(ISaasDbContext db, ICurrentUser user, ITenantContext tenantContext, TimeProvider clock, AuditTrail audit)
        : ICommandHandler<Command, SubscriptionView>
    {
        public async ValueTask<SubscriptionView> Handle(Command command, CancellationToken cancellationToken)
        {
            var body = command.Body;
            try
            {
                return await db.ModifyAsync(command.Id, body.Version, user, tenantContext, clock,
                    (subscription, today, actor, at) => subscription.Terminate(body.LastDay ?? body.EffectiveDate, today, actor, at, body.Reason),
                    cancellationToken, audit, "Terminate");
            }
            catch (FieldRuleException e) when (e.Field == "lastDay" && body.LastDay is null && body.EffectiveDate is not null)
            {
                throw new FieldRuleException("effectiveDate", e.Message); // named as the client sent it
            }
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/subscriptions/{id:guid}/termination", async (Guid id, Body body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, body), ct)))
            .RequireCallerOf<Command>()
            .WithName("TerminateSubscription")
            .WithSummary("Demander la résiliation (au plus tôt à la fin de l'engagement ; les agents peuvent déroger avec un motif).");
}
