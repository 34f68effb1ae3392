using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Infrastructure.Catalogue;

namespace SommeNumerique.Saas.Application.Tests.Features.Pricing;

/// <summary>
/// The catalogue of the repository's <c>data/catalogue.json</c>, read by the seeder's own mapping
/// (<see cref="CatalogueSeeder.ReadCatalogue"/>) into fresh domain objects: what a fresh install prices.
/// </summary>
internal static class CatalogueFile
{
    /// <summary>Every (item, offer) of the file, in the order of the file.</summary>
    public static IEnumerable<(CatalogueItem Item, Offer Offer)> Offers() =>
        CatalogueSeeder.ReadCatalogue().SelectMany(i => i.Offers.Select(o => (i, o)));
}
