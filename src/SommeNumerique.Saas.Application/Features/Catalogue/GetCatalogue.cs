using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Catalogue;

/// <summary>
/// The catalogue as a tenant sees it: every published offer with the tenant's own price (annual HT, TTC,
/// monthly display), commitment, first-year gratuity, setup fee and, when it may not subscribe, why.
/// </summary>
public static class GetCatalogue
{
    /// <param name="Date">Price date (default today): the tariff and membership of the 1st of that month apply.</param>
    /// <param name="TenantId">Staff only: the tenant to price for.</param>
    [SentBy(Caller.SignedIn)]
    public sealed record Query(DateOnly? Date, Guid? TenantId) : IQuery<TenantCatalogue>;

    public sealed record TenantCatalogue(Guid TenantId, string TenantName, DateOnly Date, IReadOnlyList<CatalogueEntry> Entries);

    public sealed record CatalogueEntry(
        string ItemCode, string ItemName, string? Description, string UnitLabel, string OfferCode, string OfferName,
        string? OfferDescription, int CommitmentMonths, IReadOnlyList<ComponentView> Components, bool FirstYearFree,
        string BillingAlignment, PriceView Price);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Date).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31))
                .WithMessage("La date doit être comprise entre 2000 et 2100.");
    }

    public sealed class Handler(ISaasDbContext db, TenantPricing pricing) : IQueryHandler<Query, TenantCatalogue>
    {
        public async ValueTask<TenantCatalogue> Handle(Query query, CancellationToken cancellationToken)
        {
            var priced = await pricing.LoadAsync(query.TenantId, cancellationToken);
            var (tenant, parent) = priced;
            var date = query.Date ?? pricing.Today;
            var items = await db.CatalogueItems.AsNoTracking()
                .Include(i => i.Offers.Where(o => o.IsPublished)).ThenInclude(o => o.Versions)
                .Where(i => i.Offers.Any(o => o.IsPublished))
                .OrderBy(i => i.Name)
                .ToListAsync(cancellationToken);

            var entries = items
                .SelectMany(item => item.Offers.OrderBy(o => o.Name).Select(offer => new CatalogueEntry(
                    item.Code, item.Name, item.Description, item.UnitLabel, offer.Code, offer.Name, offer.Description,
                    item.CommitmentMonths, item.Components.Select(c => new ComponentView(c.Code, c.Name, c.CommitmentMonths)).ToList(),
                    item.FirstYearFree, item.BillingAlignment.ToString(),
                    PriceView.From(PriceResolver.Resolve(item, offer, tenant, parent, offer.MinQuantity, date, priced.EpciById)))))
                .ToList();
            return new TenantCatalogue(tenant.Id, tenant.Name, date, entries);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/catalogue", async ([AsParameters] Query query, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query, ct)))
            .RequireCallerOf<Query>()
            .WithName("GetCatalogue")
            .WithSummary("Le catalogue publié, aux prix de la collectivité active (prix annuel HT/TTC pour une unité).");
}
