using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Catalogue;

/// <summary>The price of one published offer for the active tenant, a quantity and a date.</summary>
public static class GetOfferPrice
{
    [SentBy(Caller.SignedIn)]
    public sealed record Query(string OfferCode, int? Quantity, DateOnly? Date, Guid? TenantId) : IQuery<PriceView>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.OfferCode).XmlSafeText();
            RuleFor(q => q.Quantity).InclusiveBetween(1, 1_000_000).WithMessage("La quantité doit être comprise entre 1 et 1 000 000.");
            RuleFor(q => q.Date).InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31))
                .WithMessage("La date doit être comprise entre 2000 et 2100.");
        }
    }

    public sealed class Handler(ISaasDbContext db, TenantPricing pricing, ITenantContext tenantContext) : IQueryHandler<Query, PriceView>
    {
        public async ValueTask<PriceView> Handle(Query query, CancellationToken cancellationToken)
        {
            var code = query.OfferCode.Trim().ToUpperInvariant();
            var item = await db.CatalogueItems.AsNoTracking()
                .Include(i => i.Offers.Where(o => o.Code == code)).ThenInclude(o => o.Versions)
                .SingleOrDefaultAsync(i => i.Offers.Any(o => o.Code == code && (o.IsPublished || tenantContext.IsHost)), cancellationToken)
                ?? throw new NotFoundException($"L'offre « {query.OfferCode} » n'existe pas au catalogue.");
            var priced = await pricing.LoadAsync(query.TenantId, cancellationToken);
            var (tenant, parent) = priced;
            var quote = PriceResolver.Resolve(item, item.Offers.Single(), tenant, parent, query.Quantity ?? 1, query.Date ?? pricing.Today, priced.EpciById);
            return PriceView.From(quote);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/catalogue/{offerCode}/price",
                async (string offerCode, int? quantity, DateOnly? date, Guid? tenantId, ISender sender, CancellationToken ct) =>
                    TypedResults.Ok(await sender.Send(new Query(offerCode, quantity, date, tenantId), ct)))
            .RequireCallerOf<Query>()
            .WithName("GetOfferPrice")
            .WithSummary("Prix d'une offre pour la collectivité active : quantité, date, liste de prix, HT/TVA/TTC, frais de mise en service, éligibilité.");
}
