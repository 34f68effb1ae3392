using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Subscriptions;

/// <summary>
/// Changes the quantity: increases at once, decreases at the next billing period and, during the commitment,
/// never below the committed quantity (staff may override with a reason).
/// </summary>
public static class ChangeSubscriptionQuantity
{
    public sealed record Body(int? Quantity, int? Version, string? Reason);

    public sealed record Command(Guid Id, Body Body) : ICommand<SubscriptionView>, ISubscriptionRequest
    {
        Guid ISubscriptionRequest.SubscriptionId => Id;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Quantity).NotNull().WithMessage("Indiquez la nouvelle quantité.")
                .InclusiveBetween(1, 100_000).WithMessage("La quantité doit être comprise entre 1 et 100 000.");
            RuleFor(c => c.Body.Reason).MaximumLength(1000);
            RuleFor(c => c.Body.Reason).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, ICurrentUser user, ITenantContext tenantContext, TimeProvider clock)
        : ICommandHandler<Command, SubscriptionView>
    {
        public async ValueTask<SubscriptionView> Handle(Command command, CancellationToken cancellationToken) =>
            await db.ModifyAsync(command.Id, command.Body.Version, user, tenantContext, clock,
                (subscription, today, actor, at) => subscription.ChangeQuantity(command.Body.Quantity!.Value, today, actor, at, command.Body.Reason),
                cancellationToken);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/subscriptions/{id:guid}/quantity", async (Guid id, Body body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, body), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("ChangeSubscriptionQuantity")
            .WithSummary("Modifier la quantité (hausse immédiate, baisse à la période suivante, jamais sous l'engagement).");
}
