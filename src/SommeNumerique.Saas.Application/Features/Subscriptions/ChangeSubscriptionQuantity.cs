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
/// Changes the quantity: increases at once (or from <c>effectiveDate</c>), decreases at the next billing period
/// and, during the commitment, never below the committed quantity (staff may override with a reason). Staff alone
/// may give a past <c>effectiveDate</c>, with a written reason: the next billing run bills the difference.
/// </summary>
public static class ChangeSubscriptionQuantity
{
    /// <param name="EffectiveDate">From when; default: today (the rules of a change made today). Past: staff only, with a reason.</param>
    public sealed record Body(int? Quantity, int? Version, string? Reason, DateOnly? EffectiveDate = null);

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
            RuleFor(c => c.Body.Quantity).NotNull().WithMessage("Indiquez la nouvelle quantité.")
                .InclusiveBetween(1, 100_000).WithMessage("La quantité doit être comprise entre 1 et 100 000.");
            RuleFor(c => c.Body.Reason).MaximumLength(1000);
            RuleFor(c => c.Body.Reason).XmlSafeText();
            RuleFor(c => c.Body.EffectiveDate).SubscriptionChangeDate(today);
        }
    }

    public sealed class Handler(ISaasDbContext db, ICurrentUser user, ITenantContext tenantContext, TimeProvider clock, AuditTrail audit)
        : ICommandHandler<Command, SubscriptionView>
    {
        public async ValueTask<SubscriptionView> Handle(Command command, CancellationToken cancellationToken) =>
            await db.ModifyAsync(command.Id, command.Body.Version, user, tenantContext, clock,
                (subscription, today, actor, at) => subscription.ChangeQuantity(
                    command.Body.Quantity!.Value, today, actor, at, command.Body.Reason, command.Body.EffectiveDate),
                cancellationToken, audit, "ChangeQuantity");
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/subscriptions/{id:guid}/quantity", async (Guid id, Body body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, body), ct)))
            .RequireCallerOf<Command>()
            .WithName("ChangeSubscriptionQuantity")
            .WithSummary("Modifier la quantité (hausse immédiate ou à la date d'effet, baisse à la période suivante, jamais sous l'engagement ; date d'effet passée : agents, avec un motif).");
}
