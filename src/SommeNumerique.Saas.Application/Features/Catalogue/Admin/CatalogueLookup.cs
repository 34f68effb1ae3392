using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Catalogue.Admin;

/// <summary>Loads a whole catalogue item (offers and tariff versions), tracked, for a staff command.</summary>
internal static class CatalogueLookup
{
    public static async Task<CatalogueItem> ItemAsync(this ISaasDbContext db, string itemCode, CancellationToken ct)
    {
        var code = itemCode.Trim().ToUpperInvariant();
        return await db.CatalogueItems.Include(i => i.Offers).ThenInclude(o => o.Versions)
                   .SingleOrDefaultAsync(i => i.Code == code, ct)
               ?? throw new NotFoundException($"Le service « {itemCode} » n'existe pas au catalogue.");
    }

    public static async Task<(CatalogueItem Item, Offer Offer)> ItemWithOfferAsync(this ISaasDbContext db, string offerCode, CancellationToken ct)
    {
        var code = offerCode.Trim().ToUpperInvariant();
        var item = await db.CatalogueItems.Include(i => i.Offers).ThenInclude(o => o.Versions)
                       .SingleOrDefaultAsync(i => i.Offers.Any(o => o.Code == code), ct)
                   ?? throw new NotFoundException($"L'offre « {offerCode} » n'existe pas au catalogue.");
        return (item, item.Offers.Single(o => o.Code == code));
    }
}
