using SommeNumerique.Saas.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Subscriptions;

namespace SommeNumerique.Saas.Application.Features.Subscriptions;

/// <summary>The fields shared by a quote and a subscription request.</summary>
public sealed record SubscriptionRequest
{
    /// <summary>Staff only: the tenant subscribing (tenants always subscribe for their active tenant).</summary>
    public Guid? TenantId { get; init; }
    public string? OfferCode { get; init; }
    public int? Quantity { get; init; }
    /// <summary>Default: today. Tenants cannot start in the past; staff may record an existing contract.</summary>
    public DateOnly? StartDate { get; init; }
    /// <summary>An EPCI subscribing for all its member communes (where the item allows it).</summary>
    public bool ForMemberCommunes { get; init; }

    public sealed class Validator : AbstractValidator<SubscriptionRequest>
    {
        public Validator(ITenantContext tenantContext, TimeProvider clock)
        {
            var today = clock.Today();
            RuleFor(r => r.OfferCode).NotEmpty().WithMessage("Choisissez une offre.");
            RuleFor(r => r.OfferCode).XmlSafeText();
            RuleFor(r => r.Quantity).NotNull().WithMessage("Indiquez la quantité.")
                .InclusiveBetween(1, 100_000).WithMessage("La quantité doit être comprise entre 1 et 100 000.");
            RuleFor(r => r.StartDate).LessThanOrEqualTo(Subscription.LatestDateFrom(today))
                .WithMessage("La date de début ne peut pas dépasser deux ans.");
            RuleFor(r => r.StartDate).GreaterThanOrEqualTo(today).When(_ => !tenantContext.IsHost)
                .WithMessage("La date de début ne peut pas être passée.");
            RuleFor(r => r.StartDate).GreaterThanOrEqualTo(new DateOnly(2000, 1, 1)).When(_ => tenantContext.IsHost)
                .WithMessage("La date de début doit être postérieure au 01/01/2000.");
        }
    }
}

/// <summary>Validation rules shared by the subscription use cases.</summary>
public static class SubscriptionRules
{
    /// <summary>
    /// An effective date of a change: at most two years ahead, not before 2000 (whether a past day is allowed
    /// — staff only, with a reason — is the domain's rule, answered 422 naming the field).
    /// </summary>
    public static IRuleBuilderOptions<T, DateOnly?> SubscriptionChangeDate<T>(this IRuleBuilder<T, DateOnly?> rule, DateOnly today) =>
        rule.LessThanOrEqualTo(Subscription.LatestDateFrom(today)).WithMessage("La date d'effet ne peut pas dépasser deux ans.")
            .GreaterThanOrEqualTo(new DateOnly(2000, 1, 1)).WithMessage("La date d'effet doit être postérieure au 01/01/2000.");
}

/// <summary>Helpers shared by the subscription use cases.</summary>
internal static class SubscriptionAccess
{
    /// <summary>Staff (in the host context) may override commitment rules with a written reason.</summary>
    public static Actor Actor(ICurrentUser user, ITenantContext tenantContext) =>
        new(user.UserId, user.Email ?? "inconnu", tenantContext.IsHost && user.IsInRole(Roles.Staff));

    /// <summary>A subscription of the caller's tenant (or any, for the host), tracked; 404 otherwise.</summary>
    public static async Task<Subscription> SubscriptionAsync(this ISaasDbContext db, Guid id, CancellationToken ct) =>
        await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id, ct)
        ?? throw new NotFoundException("Abonnement introuvable.");

    /// <summary>
    /// The common path of every change to an existing subscription: load it (404 if not the caller's), check the
    /// caller may manage it and acted on the current version, apply <paramref name="change"/>, return the view.
    /// </summary>
    public static async Task<SubscriptionView> ModifyAsync(
        this ISaasDbContext db, Guid id, int? expectedVersion, ICurrentUser user, ITenantContext tenantContext, TimeProvider clock,
        Action<Subscription, DateOnly, Actor, DateTimeOffset> change, CancellationToken ct, AuditTrail? audit = null, string? action = null)
    {
        var subscription = await db.SubscriptionAsync(id, ct);
        // Changing a subscription is for whom subscribing is ([SentBy(Caller.TenantAdmin)] on CreateSubscription), checked
        // here rather than declared: a subscription the caller cannot see answers 404 first, whoever asks.
        Callers.Ensure(Caller.TenantAdmin, user, tenantContext);
        subscription.EnsureVersion(expectedVersion);
        var today = clock.Today();
        var before = AuditState(subscription);
        change(subscription, today, Actor(user, tenantContext), clock.GetUtcNow());
        // The subscription's own history says it in words; the audit log keeps the before/after of every change too.
        if (audit is not null && subscription.Changes.Count > 0)
        {
            var recorded = subscription.Changes[^1];
            audit.Record("Subscriptions", action ?? recorded.Kind.ToString(), subscription.Id.ToString(), before,
                new { State = AuditState(subscription), recorded.EffectiveOn, recorded.Description }, recorded.Reason);
        }
        return SubscriptionView.From(subscription, await db.TenantNameAsync(subscription.TenantId, ct), today, withHistory: true);
    }

    private static object AuditState(Subscription s) => new
    {
        s.TenantId, s.OfferCode, s.Version, s.TerminationDate,
        Steps = s.QuantitySteps.OrderBy(q => q.From).Select(q => new { q.From, q.Quantity }).ToList(),
    };

    public static async Task<string> TenantNameAsync(this ISaasDbContext db, Guid tenantId, CancellationToken ct) =>
        await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).SingleAsync(ct);
}

/// <summary>A request about one existing subscription, named by its id.</summary>
public interface ISubscriptionRequest
{
    Guid SubscriptionId { get; }
}

/// <summary>
/// Before validation: a subscription the caller cannot see (another tenant's, or none) answers 404 whatever
/// the rest of the request, so nothing tells whether it exists.
/// </summary>
public sealed class SubscriptionAccessBehavior<TMessage, TResponse>(ISaasDbContext db) : Mediator.IPipelineBehavior<TMessage, TResponse>
    where TMessage : ISubscriptionRequest, Mediator.IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, Mediator.MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!await db.Subscriptions.AnyAsync(s => s.Id == message.SubscriptionId, cancellationToken))
            throw new NotFoundException("Abonnement introuvable.");
        return await next(message, cancellationToken);
    }
}
