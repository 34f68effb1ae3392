using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Features.Payments;
using Stripe;
using Stripe.Checkout;

namespace SommeNumerique.Saas.Infrastructure.Payments.Stripe;

/// <summary>
/// Verifies a Stripe webhook (the <c>Stripe-Signature</c> header, HMAC-SHA256 with the endpoint's secret, at
/// most <see cref="StripeOptions.WebhookToleranceSeconds"/> old) and reduces the event to the neutral
/// <see cref="ProviderPaymentEvent"/> the application handles.
/// </summary>
public sealed partial class StripeWebhookReader(IOptions<StripeOptions> options, TimeProvider clock, ILogger<StripeWebhookReader> logger)
{
    /// <summary>The event, or null when the signature is missing or wrong, or the payload is not a Stripe event.</summary>
    public ProviderPaymentEvent? Read(string json, string? signatureHeader)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            LogRefused(string.IsNullOrWhiteSpace(secret) ? "no webhook secret configured" : "no signature header");
            return null;
        }
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, signatureHeader, secret, options.Value.WebhookToleranceSeconds,
                clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or System.Text.Json.JsonException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            LogRefused(e.Message);
            return null;
        }
        return ToProviderEvent(stripeEvent);
    }

    /// <summary>Only the ids, statuses and amounts the application needs, whatever the object of the event.</summary>
    public static ProviderPaymentEvent ToProviderEvent(Event stripeEvent) => stripeEvent.Data?.Object switch
    {
        Session s => new ProviderPaymentEvent(stripeEvent.Id, stripeEvent.Type, OnlinePaymentIdOf(s.Metadata), s.PaymentIntentId, s.Id,
            s.PaymentStatus, SingleOrNull(s.PaymentMethodTypes), s.AmountTotal, null),
        PaymentIntent pi => new ProviderPaymentEvent(stripeEvent.Id, stripeEvent.Type, OnlinePaymentIdOf(pi.Metadata), pi.Id, null,
            pi.Status, SingleOrNull(pi.PaymentMethodTypes), pi.Amount, null, pi.LastPaymentError?.Message),
        Charge c => new ProviderPaymentEvent(stripeEvent.Id, stripeEvent.Type, OnlinePaymentIdOf(c.Metadata), c.PaymentIntentId, null,
            c.Status, c.PaymentMethodDetails?.Type, c.Amount, c.AmountRefunded, c.FailureMessage),
        Dispute d => new ProviderPaymentEvent(stripeEvent.Id, stripeEvent.Type, OnlinePaymentIdOf(d.Metadata), d.PaymentIntentId, null,
            d.Status, null, d.Amount, null),
        _ => new ProviderPaymentEvent(stripeEvent.Id, stripeEvent.Type, null, null, null, null, null, null, null),
    };

    private static Guid? OnlinePaymentIdOf(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(StripeMetadata.OnlinePaymentId, out var value) && Guid.TryParse(value, out var id) ? id : null;

    private static string? SingleOrNull(IEnumerable<string>? types) => types?.ToList() is [var single] ? single : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe webhook refused: {Reason}")]
    private partial void LogRefused(string reason);
}
