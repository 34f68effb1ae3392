namespace SommeNumerique.Saas.Application.Features.Payments;

/// <summary>
/// The online payment provider (Stripe Checkout), seen from the application: whether it is configured, and
/// the creation of a hosted checkout page for one invoice. Implemented in Infrastructure/Payments/Stripe.
/// </summary>
public interface IOnlinePaymentGateway
{
    /// <summary>False when no secret key is configured: online payment is then switched off everywhere.</summary>
    bool IsEnabled { get; }

    /// <summary>Creates the hosted checkout page; a retried call with the same idempotency key creates nothing new.</summary>
    Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken cancellationToken);
}

/// <summary>What the provider needs to show the checkout page of one invoice.</summary>
/// <param name="AmountCents">The amount due, in euro cents.</param>
/// <param name="SuccessUrl">Where the buyer comes back after paying (the portal's invoice page by default).</param>
/// <param name="CancelUrl">Where the buyer comes back after giving up.</param>
public sealed record CheckoutRequest(
    Guid TenantId,
    Guid InvoiceId,
    Guid OnlinePaymentId,
    string InvoiceNumber,
    long AmountCents,
    string? CustomerEmail,
    string SuccessUrl,
    string CancelUrl,
    string IdempotencyKey);

/// <summary>The hosted checkout page created by the provider.</summary>
public sealed record CheckoutSession(string Id, string Url);

/// <summary>The payment provider could not be reached or refused the request (answered 502).</summary>
public sealed class PaymentProviderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A webhook event of the payment provider, verified and reduced to what the application needs (no
/// provider types). Built by Infrastructure from the provider's payload.
/// </summary>
/// <param name="EventId">The provider's event id (the redelivery key).</param>
/// <param name="Type">The provider's event type, e.g. <c>checkout.session.completed</c>.</param>
/// <param name="OnlinePaymentId">Our online payment id, from the metadata, when present.</param>
/// <param name="PaymentStatus">Checkout sessions: <c>paid</c>, <c>unpaid</c> or <c>no_payment_required</c>.</param>
/// <param name="MethodType">The payment method used (<c>card</c>, <c>sepa_debit</c>) when the payload tells it unambiguously.</param>
/// <param name="AmountRefundedCents">Charges: the amount refunded so far.</param>
/// <param name="FailureMessage">Failed payments: the provider's explanation, if any.</param>
public sealed record ProviderPaymentEvent(
    string EventId,
    string Type,
    Guid? OnlinePaymentId,
    string? PaymentIntentId,
    string? CheckoutSessionId,
    string? PaymentStatus,
    string? MethodType,
    long? AmountCents,
    long? AmountRefundedCents,
    string? FailureMessage = null);
