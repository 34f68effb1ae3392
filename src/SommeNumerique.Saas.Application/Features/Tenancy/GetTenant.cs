using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Tenancy;

/// <summary>
/// One tenant's record: identity, dated memberships and populations, billing details, and whether it gets
/// member prices today. Staff and treasury read any tenant; a tenant's users read only their active tenant
/// (any other id answers 404, as if it did not exist: see TenantAccessBehavior).
/// </summary>
public static class GetTenant
{
    [SentBy(Caller.SignedIn)]
    public sealed record Query(Guid Id) : IQuery<TenantDetails>, IRequireTenantAccess
    {
        Guid IRequireTenantAccess.TenantId => Id;
    }

    public sealed record TenantDetails
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string KindLabel { get; init; } = "";
        public string Name { get; init; } = "";
        public string Siren { get; init; } = "";
        public string? InseeCode { get; init; }
        public Guid? ParentEpciId { get; init; }
        public string? ParentEpciName { get; init; }
        public int? DeclaredWorkstations { get; init; }
        public PostalAddress? BillingAddress { get; init; }
        public BillingContact? BillingContact { get; init; }
        public string? Siret { get; init; }
        public string? ChorusServiceCode { get; init; }
        public string? ChorusEngagementNumber { get; init; }
        public IReadOnlyList<MembershipPeriod> Memberships { get; init; } = [];
        public IReadOnlyList<PopulationRecord> Populations { get; init; } = [];
        public MemberPricingDecision? MemberPricesToday { get; init; }
        /// <summary>A commune's dated EPCI links, oldest first (from is null for the first known link).</summary>
        public IReadOnlyList<EpciLinkView> EpciLinks { get; init; } = [];
    }

    public sealed record EpciLinkView(DateOnly? From, DateOnly? Until, Guid EpciId, string? EpciName, string Reason);

    /// <summary>Mapster map of the aggregate; the computed fields are set by the handler.</summary>
    public sealed class Mapping : IRegister
    {
        public void Register(TypeAdapterConfig config) =>
            config.NewConfig<Tenant, TenantDetails>()
                .Map(d => d.Kind, s => s.Kind.Code())
                .Map(d => d.KindLabel, s => s.Kind.Label())
                .Map(d => d.Siren, s => s.Siren.Value)
                .Map(d => d.Memberships, s => s.Memberships.OrderBy(m => m.From).ToList())
                .Map(d => d.Populations, s => s.Populations.OrderBy(p => p.ReferenceYear).ToList())
                .Ignore(d => d.ParentEpciName)
                .Ignore(d => d.EpciLinks)
                .Ignore(d => d.MemberPricesToday);
    }

    public sealed class Handler(ISaasDbContext db, TypeAdapterConfig mapping, TimeProvider clock)
        : IQueryHandler<Query, TenantDetails>
    {
        public async ValueTask<TenantDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Collectivité introuvable.");
            var parent = tenant.ParentEpciId is { } parentId
                ? await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == parentId, cancellationToken)
                : null;
            var details = Describe(tenant, parent, mapping, clock.Today());
            // Names of the former EPCI of a commune.
            var former = details.EpciLinks.Where(l => l.EpciName is null).Select(l => l.EpciId).Distinct().ToList();
            if (former.Count == 0) return details;
            var names = await db.Tenants.AsNoTracking().Where(t => former.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            return details with { EpciLinks = details.EpciLinks.Select(l => l with { EpciName = l.EpciName ?? names.GetValueOrDefault(l.EpciId) }).ToList() };
        }
    }

    /// <summary>The details of a loaded tenant and its EPCI, as of <paramref name="today"/>.</summary>
    internal static TenantDetails Describe(Tenant tenant, Tenant? parent, TypeAdapterConfig mapping, DateOnly today) =>
        tenant.Adapt<TenantDetails>(mapping) with
        {
            ParentEpciName = parent?.Name,
            MemberPricesToday = MemberPricing.On(today, tenant, parent),
            EpciLinks = tenant.EpciLinks.OrderBy(l => l.From)
                .Select(l => new EpciLinkView(l.From == DateOnly.MinValue ? null : l.From, l.Until, l.EpciId,
                    l.EpciId == parent?.Id ? parent.Name : null, l.Reason)).ToList(),
        };

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/tenants/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .RequireCallerOf<Query>()
            .WithName("GetTenant")
            .WithSummary("Fiche d'une collectivité.");
}
