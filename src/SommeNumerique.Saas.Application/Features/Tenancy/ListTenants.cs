using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Tenancy;

/// <summary>Staff: search the tenants (communes, EPCI, the Département, other bodies), a page at a time.</summary>
public static class ListTenants
{
    /// <param name="Kind">commune, epci, ca, cc, cu, metropole, departement, etablissement-public.</param>
    /// <param name="Search">Part of the name, a SIREN or an INSEE code.</param>
    /// <param name="MemberOn">Only direct members of the syndicate on that date.</param>
    /// <param name="Sort">name, kind (default: kind then name) or insee; <paramref name="Dir"/>: asc or desc.</param>
    [SentBy(Caller.Host)]
    public sealed record Query(string? Kind, string? Search, DateOnly? MemberOn, int? Page, int? PageSize, string? Sort = null, string? Dir = null)
        : IQuery<PagedResult<TenantSummary>>;

    public static readonly ListSorting<Tenant> Sorting = new ListSorting<Tenant>("kind", defaultDescending: false)
        .Column("kind", t => t.Kind, t => t.Name)
        .Column("name", t => t.Name, t => t.InseeCode)
        .Column("insee", t => t.InseeCode, t => t.Name);

    public sealed record TenantSummary(
        Guid Id, string Kind, string KindLabel, string Name, string Siren, string? InseeCode,
        Guid? ParentEpciId, string? ParentEpciName, bool IsMember);

    public const int MaxPageSize = 200;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Kind)
                .Must(k => k is null || TenantKindCodes.TryParseFilter(k, out _))
                .WithMessage($"Type de collectivité inconnu. Valeurs possibles : {string.Join(", ", TenantKindCodes.FilterCodes)}.");
            RuleFor(q => q.Kind).XmlSafeText();
            RuleFor(q => q.Search).XmlSafeText();
            RuleFor(q => q.Sort).XmlSafeText();
            RuleFor(q => q.Dir).XmlSafeText();
            RuleFor(q => q.Search).MaximumLength(100).WithMessage("La recherche est limitée à 100 caractères.");
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("La page commence à 1.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize)
                .WithMessage($"La taille de page doit être comprise entre 1 et {MaxPageSize}.");
        }
    }

    public sealed class Handler(ISaasDbContext db, TimeProvider clock) : IQueryHandler<Query, PagedResult<TenantSummary>>
    {
        public async ValueTask<PagedResult<TenantSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = query.Page ?? 1;
            var pageSize = query.PageSize ?? 50;
            var today = clock.Today();

            var tenants = db.Tenants.AsNoTracking();
            if (TenantKindCodes.TryParseFilter(query.Kind, out var kinds))
                tenants = tenants.Where(t => kinds.Contains(t.Kind));
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim();
                var siren = term.Replace(" ", string.Empty, StringComparison.Ordinal);
                tenants = Siren.TryParse(siren, out var parsed)
                    ? tenants.Where(t => t.Siren == parsed)
                    : tenants.Where(t => t.InseeCode == term || t.Name.ToLower().Contains(term.ToLower()));
            }
            if (query.MemberOn is { } on)
                tenants = tenants.Where(t => t.Memberships.Any(m => m.From <= on && (m.Until == null || m.Until >= on)));

            var total = await tenants.CountAsync(cancellationToken);
            var rows = await Sorting.Apply(tenants, query.Sort, query.Dir).ThenBy(t => t.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(t => new
                {
                    t.Id, t.Kind, t.Name, t.Siren, t.InseeCode, t.ParentEpciId,
                    ParentEpciName = db.Tenants.Where(e => e.Id == t.ParentEpciId).Select(e => e.Name).FirstOrDefault(),
                    IsMember = t.Memberships.Any(m => m.From <= today && (m.Until == null || m.Until >= today)),
                })
                .ToListAsync(cancellationToken);

            var items = rows.Select(r => new TenantSummary(
                r.Id, r.Kind.Code(), r.Kind.Label(), r.Name, r.Siren.Value, r.InseeCode,
                r.ParentEpciId, r.ParentEpciName, r.IsMember)).ToList();
            return new PagedResult<TenantSummary>(items, total, page, pageSize);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/tenants", async ([AsParameters] Query query, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query, ct)))
            .RequireCallerOf<Query>()
            .WithName("ListTenants")
            .WithSummary("Liste et recherche des collectivités (agents du syndicat) ; tri : sort (kind, name, insee) et dir (asc, desc).");
}
