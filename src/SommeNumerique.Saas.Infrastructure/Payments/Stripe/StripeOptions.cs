namespace SommeNumerique.Saas.Infrastructure.Payments.Stripe;

/// <summary>
/// Section <c>Stripe</c>. The keys come from configuration only (environment variables, Key Vault): never
/// from the repository. Without <see cref="SecretKey"/>, online payment is switched off.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>Secret API key (<c>sk_live_...</c>/<c>sk_test_...</c>); empty: online payment disabled.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Publishable key (<c>pk_...</c>); not needed by the hosted checkout, kept for client-side use.</summary>
    public string? PublishableKey { get; set; }

    /// <summary>Signing secret of the webhook endpoint (<c>whsec_...</c>); without it every webhook is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Return page after payment; <c>{invoiceId}</c> is replaced. Empty: the portal's invoice page, at the
    /// address the request came from.
    /// </summary>
    public string? SuccessUrl { get; set; }

    /// <summary>Return page after giving up; <c>{invoiceId}</c> is replaced. Empty: as <see cref="SuccessUrl"/>.</summary>
    public string? CancelUrl { get; set; }

    /// <summary>Overrides <c>https://api.stripe.com</c> (tests, stripe-mock).</summary>
    public string? ApiBase { get; set; }

    /// <summary>Network retries of the Stripe client (safe: requests carry an idempotency key).</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>How old a signed webhook may be, in seconds (replay protection).</summary>
    public long WebhookToleranceSeconds { get; set; } = 300;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SecretKey);
}
