using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Catalogue;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Subscriptions;

/// <summary>What a subscription request is about, resolved: tenant, EPCI, item, offer.</summary>
public sealed record SubscriptionContext(Tenant Tenant, Tenant? ParentEpci, CatalogueItem Item, Offer Offer, bool FirstEverForItem);

/// <summary>
/// Prices a subscription before it exists (quote) and decides whether it may be made: the tenant must be
/// eligible on the start date, the offer published (staff may record an unpublished one), the quantity
/// within the offer's limits, and an EPCI may subscribe for its communes only where the item allows it.
/// </summary>
public sealed class SubscriptionQuotes(ISaasDbContext db, TenantPricing pricing)
{
    public async Task<SubscriptionContext> LoadAsync(Guid? tenantId, string offerCode, CancellationToken ct)
    {
        var (tenant, parent) = await pricing.LoadAsync(tenantId, ct);
        var code = offerCode.Trim().ToUpperInvariant();
        var item = await db.CatalogueItems.AsNoTracking().Include(i => i.Offers).ThenInclude(o => o.Versions)
                       .SingleOrDefaultAsync(i => i.Offers.Any(o => o.Code == code), ct)
                   ?? throw new NotFoundException($"L'offre « {offerCode} » n'existe pas au catalogue.");
        // Has this tenant ever subscribed to this item? (host read: the filter may hide nothing here, but be explicit)
        var before = await db.Subscriptions.AnyAsync(s => s.TenantId == tenant.Id && s.CatalogueItemId == item.Id, ct);
        return new SubscriptionContext(tenant, parent, item, item.Offers.Single(o => o.Code == code), !before);
    }

    public QuoteView Quote(SubscriptionContext c, int quantity, DateOnly start, bool forMemberCommunes, bool asStaff)
    {
        var quote = PriceResolver.Resolve(c.Item, c.Offer, c.Tenant, c.ParentEpci, quantity, start);
        var months = c.Item.CommitmentMonths;
        var commitmentEnd = months > 0 ? start.AddMonths(months).AddDays(-1) : start;
        var gratuityEnd = c.Item.FirstYearFree && c.FirstEverForItem ? Months.FirstDay(start).AddMonths(12).AddDays(-1) : (DateOnly?)null;
        var estimate = FirstInvoice.Estimate(quote, c.Item.UnitLabel, start, c.Item.BillingAlignment, gratuityEnd);

        string? refusal = null;
        if (!c.Offer.IsPublished && !asStaff) refusal = "Cette offre n'est pas proposée au catalogue.";
        else if (!quote.Priced || !quote.Eligible) refusal = quote.Reason ?? "Cette offre ne peut pas être souscrite.";
        else if (forMemberCommunes && !c.Item.EpciMaySubscribeForCommunes)
            refusal = "Ce service ne peut pas être souscrit par un EPCI pour le compte de ses communes.";
        else if (forMemberCommunes && !c.Tenant.Kind.IsEpci())
            refusal = "Seul un EPCI peut souscrire pour le compte de ses communes membres.";

        string? gratuityText = gratuityEnd is { } g
            ? $"Gratuit la première année : rien à payer jusqu'au {g.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}."
            : c.Item.FirstYearFree ? "La gratuité de la première année ne s'applique qu'à la première souscription à ce service." : null;

        return new QuoteView(c.Tenant.Id, c.Tenant.Name, c.Item.Name, c.Offer.Code, c.Offer.Name, c.Item.UnitLabel, quantity, start,
            PriceView.From(quote), months, commitmentEnd, c.Item.FirstYearFree, gratuityEnd, gratuityText, estimate,
            refusal is null, refusal);
    }

    /// <summary>The subscription, once the quote says it may be made.</summary>
    public static Subscription Subscribe(SubscriptionContext c, QuoteView quote, bool forMemberCommunes, Actor actor, DateTimeOffset at)
    {
        if (!quote.CanSubscribe) throw new Domain.DomainException(quote.Refusal!);
        return Subscription.Subscribe(
            new SubscriptionTerms(c.Tenant.Id, c.Item, c.Offer, quote.Quantity, quote.StartDate, c.FirstEverForItem, forMemberCommunes),
            actor, at);
    }
}
