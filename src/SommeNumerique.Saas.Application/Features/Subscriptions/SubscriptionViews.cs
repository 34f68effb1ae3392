using SommeNumerique.Saas.Application.Features.Catalogue;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Subscriptions;

namespace SommeNumerique.Saas.Application.Features.Subscriptions;

/// <summary>A quote: the price, the commitment, the gratuity and the first invoice of a subscription not yet made.</summary>
public sealed record QuoteView(
    Guid TenantId, string TenantName, string ItemName, string OfferCode, string OfferName, string UnitLabel, int Quantity,
    DateOnly StartDate, PriceView Price, int CommitmentMonths, DateOnly CommitmentEnd, bool FirstYearFree,
    DateOnly? GratuityEndsOn, string? GratuityText, FirstInvoiceEstimate FirstInvoice, bool CanSubscribe, string? Refusal);

public sealed record SubscriptionView(
    Guid Id, Guid TenantId, string TenantName, string ItemCode, string OfferCode, string OfferName, DateOnly StartDate,
    int Quantity, int CommittedQuantity, QuantityStep? PendingQuantity, int CommitmentMonths, DateOnly CommitmentEnd,
    DateOnly? GratuityEndsOn, string Status, DateOnly? TerminationDate, DateOnly EarliestTermination, bool ForMemberCommunes,
    string? ProvidedBy, int Version, IReadOnlyList<SubscriptionChange>? History)
{
    public static SubscriptionView From(Subscription s, string tenantName, DateOnly today, bool withHistory, string? providedBy = null) => new(
        s.Id, s.TenantId, tenantName, s.ItemCode, s.OfferCode, s.OfferName, s.StartDate,
        s.QuantityOn(today < s.StartDate ? s.StartDate : today), s.CommittedQuantity, s.PendingStep(today), s.CommitmentMonths,
        s.CommitmentEnd, s.GratuityEndsOn, s.StatusOn(today).ToString(), s.TerminationDate, s.EarliestTerminationFor(today),
        s.ForMemberCommunes, providedBy, s.Version, withHistory ? s.Changes.OrderBy(c => c.At).ToList() : null);
}
