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
/// Records a termination: a tenant at the earliest at the commitment end (the refusal says when); staff
/// earlier with a written reason.
/// </summary>
public static class TerminateSubscription
{
    /// <param name="LastDay">Last day of service; default: the earliest allowed.</param>
    public sealed record Body(DateOnly? LastDay, int? Version, string? Reason);

    public sealed record Command(Guid Id, Body Body) : ICommand<SubscriptionView>, ISubscriptionRequest
    {
        Guid ISubscriptionRequest.SubscriptionId => Id;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Reason).MaximumLength(1000);
            RuleFor(c => c.Body.Reason).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, ICurrentUser user, ITenantContext tenantContext, TimeProvider clock)
        : ICommandHandler<Command, SubscriptionView>
    {
        public async ValueTask<SubscriptionView> Handle(Command command, CancellationToken cancellationToken) =>
            await db.ModifyAsync(command.Id, command.Body.Version, user, tenantContext, clock,
                (subscription, today, actor, at) => subscription.Terminate(command.Body.LastDay, today, actor, at, command.Body.Reason),
                cancellationToken);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/subscriptions/{id:guid}/termination", async (Guid id, Body body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, body), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("TerminateSubscription")
            .WithSummary("Demander la résiliation (au plus tôt à la fin de l'engagement ; les agents peuvent déroger avec un motif).");
}
