using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;

namespace SommeNumerique.Saas.Application.Features.Catalogue.Admin;

/// <summary>Staff: the catalogue items, with how many offers are published and priced.</summary>
public static class ListCatalogueItems
{
    [SentBy(Caller.Staff)]
    public sealed record Query(string? Search) : IQuery<IReadOnlyList<ItemSummary>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Search).XmlSafeText();
    }

    public sealed record ItemSummary(Guid Id, string Code, string Name, string UnitLabel, int Offers, int PublishedOffers, int PricedOffers);

    public sealed class Handler(ISaasDbContext db) : IQueryHandler<Query, IReadOnlyList<ItemSummary>>
    {
        public async ValueTask<IReadOnlyList<ItemSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var items = db.CatalogueItems.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim().ToLower();
                items = items.Where(i => i.Code.ToLower().Contains(term) || i.Name.ToLower().Contains(term));
            }
            return await items.OrderBy(i => i.Name)
                .Select(i => new ItemSummary(i.Id, i.Code, i.Name, i.UnitLabel, i.Offers.Count(),
                    i.Offers.Count(o => o.IsPublished), i.Offers.Count(o => o.Versions.Any())))
                .ToListAsync(cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder admin) =>
        admin.MapGet("/catalogue", async (string? search, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(search), ct)))
            .RequireCallerOf<Query>()
            .WithName("ListCatalogueItems")
            .WithSummary("Services du catalogue (agents du syndicat).");
}
