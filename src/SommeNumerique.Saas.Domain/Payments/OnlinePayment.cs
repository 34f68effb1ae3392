using SommeNumerique.Saas.Domain.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Payments;

/// <summary>
/// Where an online payment stands. The order is the order of progress: a payment only moves forward
/// (webhooks may arrive late, twice or out of order), except that a refund or a dispute ends a paid one, and a
/// full refund may still follow a dispute won.
/// </summary>
public enum OnlinePaymentStatus
{
    /// <summary>Checkout session created; the buyer has not paid yet.</summary>
    Open = 0,
    /// <summary>Checkout session expired unpaid.</summary>
    Expired = 1,
    /// <summary>SEPA debit submitted: the money arrives in a few days, or the debit fails.</summary>
    Processing = 2,
    /// <summary>Payment failed (card declined, SEPA debit returned).</summary>
    Failed = 3,
    /// <summary>Money received: a <see cref="Payment"/> was recorded on the invoice.</summary>
    Succeeded = 4,
    /// <summary>Refunded after payment: the payment is reversed and the invoice is due again.</summary>
    Refunded = 5,
    /// <summary>Disputed by the payer (chargeback): the payment is reversed.</summary>
    Disputed = 6,
    /// <summary>
    /// The dispute was closed in the syndicate's favour: the money is kept and the reversed payment restored.
    /// Only a later full refund moves it on.
    /// </summary>
    DisputeWon = 7,
}

/// <summary>
/// One attempt by a tenant to pay an invoice online (a Stripe Checkout Session). The invoice's own
/// payment is recorded when Stripe confirms the money, never from the browser's return.
/// </summary>
public sealed class OnlinePayment : ITenantOwned
{
    private OnlinePayment() { Provider = ""; IdempotencyKey = ""; }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid InvoiceId { get; private set; }
    public string Provider { get; private set; }
    public decimal Amount { get; private set; }
    public OnlinePaymentStatus Status { get; private set; }
    /// <summary>Sent with the creation request, so a retried request never creates two sessions.</summary>
    public string IdempotencyKey { get; private set; }
    public string? CheckoutSessionId { get; private set; }
    public string? CheckoutUrl { get; private set; }
    public string? PaymentIntentId { get; private set; }
    public PaymentMethod? Method { get; private set; }
    public string? FailureReason { get; private set; }
    /// <summary>The invoice payment recorded when the money arrived.</summary>
    public Guid? PaymentId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static OnlinePayment Start(Guid tenantId, Guid invoiceId, decimal amount, DateTimeOffset at)
    {
        if (amount <= 0) throw new DomainException("Il ne reste rien à payer sur cette facture.");
        var id = Guid.NewGuid();
        return new OnlinePayment
        {
            Id = id,
            TenantId = tenantId,
            InvoiceId = invoiceId,
            Provider = "stripe",
            Amount = amount,
            Status = OnlinePaymentStatus.Open,
            IdempotencyKey = $"checkout-{id:N}",
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    public void AttachCheckoutSession(string sessionId, string url)
    {
        CheckoutSessionId = sessionId;
        CheckoutUrl = url;
    }

    public void AttachPaymentIntent(string? paymentIntentId, PaymentMethod? method)
    {
        if (!string.IsNullOrEmpty(paymentIntentId)) PaymentIntentId ??= paymentIntentId;
        if (method is not null) Method ??= method;
    }

    /// <summary>
    /// Moves to <paramref name="next"/> if that is progress; returns false (and changes nothing) for an
    /// event that arrives after a later one. A refund or dispute arriving before the success wins: the
    /// success, when it comes, is then ignored and the invoice never shows the money.
    /// </summary>
    public bool MoveTo(OnlinePaymentStatus next, DateTimeOffset at, string? failureReason = null)
    {
        if (!IsProgress(Status, next)) return false;
        Status = next;
        UpdatedAt = at;
        if (failureReason is not null) FailureReason = failureReason;
        return true;
    }

    /// <summary>
    /// Forward in the order of <see cref="OnlinePaymentStatus"/>, except around a dispute won: it closes a paid or
    /// disputed payment only, and only a full refund follows it.
    /// </summary>
    private static bool IsProgress(OnlinePaymentStatus from, OnlinePaymentStatus next) => (from, next) switch
    {
        (_, OnlinePaymentStatus.DisputeWon) => from is OnlinePaymentStatus.Succeeded or OnlinePaymentStatus.Disputed,
        (OnlinePaymentStatus.DisputeWon, _) => next == OnlinePaymentStatus.Refunded,
        _ => next > from,
    };

    public void LinkPayment(Guid paymentId) => PaymentId = paymentId;
}

/// <summary>
/// A webhook event received from the payment provider, stored once by its id (primary key): a redelivered
/// event is recognised and changes nothing.
/// </summary>
public sealed class PaymentWebhookEvent : ISharedAcrossTenants
{
    private PaymentWebhookEvent() { EventId = ""; Type = ""; }

    public PaymentWebhookEvent(string eventId, string type, DateTimeOffset receivedAt)
    {
        EventId = eventId;
        Type = type;
        ReceivedAt = receivedAt;
    }

    public string EventId { get; private set; }
    public string Type { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
}
