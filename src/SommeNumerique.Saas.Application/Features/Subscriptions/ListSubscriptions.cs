using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Subscriptions;

namespace SommeNumerique.Saas.Application.Features.Subscriptions;

/// <summary>
/// "Mes abonnements" for a tenant (its own, plus those its EPCI took for all its communes), or every
/// tenant's for staff, filtered by tenant, offer and status.
/// </summary>
public static class ListSubscriptions
{
    [SentBy(Caller.SignedIn)]
    public sealed record Query(Guid? TenantId, string? OfferCode, string? Status, string? Sort = null, string? Dir = null)
        : IQuery<IReadOnlyList<SubscriptionView>>;

    /// <summary>The columns the list may be sorted by (<c>sort</c>, <c>dir</c>); default: tenant name, then start date.</summary>
    public static readonly ListSorting<SubscriptionView> Sorting = new ListSorting<SubscriptionView>("tenant", defaultDescending: false)
        .Column("tenant", v => v.TenantName, v => v.StartDate)
        .Column("offer", v => v.OfferName, v => v.TenantName)
        .Column("quantity", v => v.Quantity, v => v.TenantName)
        .Column("startDate", v => v.StartDate, v => v.TenantName)
        .Column("status", v => v.Status, v => v.TenantName);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).Must(s => s is null || Enum.TryParse<SubscriptionStatus>(s, true, out var v) && Enum.IsDefined(v) && !int.TryParse(s, out _))
                .WithMessage("Statut inconnu : Active, TerminationScheduled ou Terminated.");
            RuleFor(q => q.OfferCode).XmlSafeText();
            RuleFor(q => q.Status).XmlSafeText();
            RuleFor(q => q.Sort).XmlSafeText();
            RuleFor(q => q.Dir).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, ITenantContext tenantContext, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<SubscriptionView>>
    {
        public async ValueTask<IReadOnlyList<SubscriptionView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = clock.Today();
            if (!tenantContext.IsHost && query.TenantId is { } asked && asked != tenantContext.TenantId)
                throw new NotFoundException("Collectivité introuvable.");

            var own = db.Subscriptions.AsNoTracking();
            if (query.TenantId is { } tenantId) own = own.Where(s => s.TenantId == tenantId);
            if (!string.IsNullOrWhiteSpace(query.OfferCode)) own = own.Where(s => s.OfferCode == query.OfferCode.Trim().ToUpper());
            var rows = await own.Join(db.Tenants, s => s.TenantId, t => t.Id, (s, t) => new { s, t.Name })
                .OrderBy(x => x.Name).ThenBy(x => x.s.StartDate).ToListAsync(cancellationToken);
            var views = rows.Select(x => SubscriptionView.From(x.s, x.Name, today, withHistory: false)).ToList();

            if (!tenantContext.IsHost && tenantContext.TenantId is { } current)
                views.AddRange(await ProvidedByEpci(current, today, cancellationToken));

            // The filters apply to what the EPCI provides too, hence in memory on the merged list.
            var offer = query.OfferCode?.Trim().ToUpperInvariant();
            var status = query.Status is null ? (SubscriptionStatus?)null : Enum.Parse<SubscriptionStatus>(query.Status, true);
            // Sorted in memory too (the merged list; dates and names sort the same on every database this way).
            return Sorting.Apply(views.Where(v => (string.IsNullOrEmpty(offer) || v.OfferCode == offer) && (status is null || v.Status == status.ToString()))
                .AsQueryable(), query.Sort, query.Dir).ToList();
        }

        /// <summary>
        /// The one read across tenants here: subscriptions the commune's EPCI took for all its communes.
        /// The tenant filter is switched off by name for this query only, and the query names the EPCI.
        /// </summary>
        private async Task<IEnumerable<SubscriptionView>> ProvidedByEpci(Guid communeId, DateOnly today, CancellationToken ct)
        {
            var epci = await db.Tenants.AsNoTracking().Where(t => t.Id == communeId && t.ParentEpciId != null)
                .Join(db.Tenants, c => c.ParentEpciId, e => e.Id, (c, e) => new { e.Id, e.Name }).SingleOrDefaultAsync(ct);
            if (epci is null) return [];
            var provided = await db.Subscriptions.AsNoTracking().IgnoreQueryFilters([TenantFilter.Name])
                .Where(s => s.TenantId == epci.Id && s.ForMemberCommunes).ToListAsync(ct);
            return provided.Select(s => SubscriptionView.From(s, epci.Name, today, withHistory: false, providedBy: epci.Name) with { Version = 0 });
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/subscriptions", async ([AsParameters] Query query, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query, ct)))
            .RequireCallerOf<Query>()
            .WithName("ListSubscriptions")
            .WithSummary("Abonnements : ceux de la collectivité active (et ceux pris par son EPCI pour ses communes), ou tous pour les agents.");
}
