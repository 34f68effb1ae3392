using Mediator;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Catalogue;
using SommeNumerique.Saas.Domain;
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
public sealed class SubscriptionQuotes(ISaasDbContext db, TenantPricing pricing, ISender sender)
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

    /// <summary>
    /// One open subscription per tenant and offer: a second one is refused (409) while the first is active or its
    /// termination only scheduled, pointing to the existing one, whose quantity can be changed instead. A terminated
    /// one does not block. The rule for every way of subscribing (API, portal, staff).
    /// </summary>
    public async Task EnsureNoOpenSubscriptionAsync(SubscriptionContext c, bool forMemberCommunes, DateOnly today, CancellationToken ct)
    {
        var existing = await db.Subscriptions.AsNoTracking()
            .Where(s => s.TenantId == c.Tenant.Id && s.OfferId == c.Offer.Id && s.ForMemberCommunes == forMemberCommunes
                        && (s.TerminationDate == null || s.TerminationDate >= today))
            .OrderBy(s => s.StartDate).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
            throw new ConflictException($"{c.Tenant.Name} est déjà abonné(e) à l'offre « {c.Offer.Name} » ({c.Offer.Code}) : "
                + $"modifiez plutôt la quantité de l'abonnement en cours (abonnement {id}).");
    }

    public async Task<QuoteView> QuoteAsync(SubscriptionContext c, int quantity, DateOnly start, bool forMemberCommunes, bool asStaff, CancellationToken ct)
    {
        var quote = PriceResolver.Resolve(c.Item, c.Offer, c.Tenant, c.ParentEpci, quantity, start);
        var months = c.Item.CommitmentMonths;
        var commitmentEnd = Subscription.CommitmentEndFor(start, months);
        var gratuityEnd = c.Item.FirstYearFree && c.FirstEverForItem ? Subscription.GratuityEndFor(start) : (DateOnly?)null;
        var estimate = await EstimateFirstInvoiceAsync(c, quantity, start, forMemberCommunes, ct);

        string? refusal = null;
        if (!c.Offer.IsPublished && !asStaff) refusal = "Cette offre n'est pas proposée au catalogue.";
        else if (!quote.Priced || !quote.Eligible) refusal = quote.Reason ?? "Cette offre ne peut pas être souscrite.";
        else if (forMemberCommunes && !c.Item.EpciMaySubscribeForCommunes)
            refusal = "Ce service ne peut pas être souscrit par un EPCI pour le compte de ses communes.";
        else if (forMemberCommunes && !c.Tenant.Kind.IsEpci())
            refusal = "Seul un EPCI peut souscrire pour le compte de ses communes membres.";

        string? gratuityText = gratuityEnd is { } g
            ? $"Gratuit la première année : rien à payer jusqu'au {FrenchText.Day(g)}."
            : c.Item.FirstYearFree ? "La gratuité de la première année ne s'applique qu'à la première souscription à ce service." : null;

        return new QuoteView(c.Tenant.Id, c.Tenant.Name, c.Item.Name, c.Offer.Code, c.Offer.Name, c.Item.UnitLabel, quantity, start,
            PriceView.From(quote), months, commitmentEnd, c.Item.FirstYearFree, gratuityEnd, gratuityText, estimate,
            refusal is null, refusal);
    }

    /// <summary>
    /// The first invoice, priced by the billing pipeline on the subscription as it would be made (not saved):
    /// what the first billing run will bill for the first period. Nothing to show when the quantity is not allowed.
    /// </summary>
    private async Task<FirstInvoiceEstimate> EstimateFirstInvoiceAsync(SubscriptionContext c, int quantity, DateOnly start, bool forMemberCommunes, CancellationToken ct)
    {
        var period = BillingPeriod.Containing(start, c.Item.BillingAlignment);
        if (quantity < c.Offer.MinQuantity || quantity > c.Offer.MaxQuantity) return FirstInvoiceEstimate.Empty(period, start);
        var provisional = Subscription.Subscribe(
            new SubscriptionTerms(c.Tenant.Id, c.Item, c.Offer, quantity, start, c.FirstEverForItem, forMemberCommunes),
            new Actor(null, "devis", IsStaff: false), DateTimeOffset.UnixEpoch);
        var charge = await sender.Send(new PriceCharge(new ChargeInput(c.Tenant, c.ParentEpci, c.Item, c.Offer, provisional, period,
            Months.FirstDay(start), Months.FirstDay(period.End), AlreadyBilled.Nothing)), ct);
        return FirstInvoiceEstimate.From(period, start, charge);
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
