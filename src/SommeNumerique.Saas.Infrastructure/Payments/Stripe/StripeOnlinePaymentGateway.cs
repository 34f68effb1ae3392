using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Features.Payments;
using Stripe;
using Stripe.Checkout;

namespace SommeNumerique.Saas.Infrastructure.Payments.Stripe;

/// <summary>
/// Stripe Checkout: one payment-mode session per invoice, card or SEPA debit, in euros, with our ids in the
/// metadata of the session and of its payment intent (webhooks find the payment by them).
/// </summary>
public sealed class StripeOnlinePaymentGateway(IOptions<StripeOptions> options, IServiceProvider services) : IOnlinePaymentGateway
{
    public static readonly IReadOnlyList<string> PaymentMethodTypes = ["card", "sepa_debit"];

    public bool IsEnabled => options.Value.IsEnabled;

    public async Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        if (!IsEnabled) throw new InvalidOperationException("Stripe is not configured (Stripe:SecretKey).");
        var metadata = new Dictionary<string, string>
        {
            [StripeMetadata.InvoiceId] = request.InvoiceId.ToString(),
            [StripeMetadata.OnlinePaymentId] = request.OnlinePaymentId.ToString(),
            [StripeMetadata.TenantId] = request.TenantId.ToString(),
        };
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            Currency = "eur",
            Locale = "fr",
            AllowedPaymentMethodTypes = [.. PaymentMethodTypes],
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = "eur",
                        UnitAmount = request.AmountCents,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"Facture {request.InvoiceNumber}" },
                    },
                },
            ],
            ClientReferenceId = request.InvoiceId.ToString(),
            CustomerEmail = string.IsNullOrWhiteSpace(request.CustomerEmail) ? null : request.CustomerEmail.Trim(),
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions
            {
                Metadata = new Dictionary<string, string>(metadata),
                Description = $"Facture {request.InvoiceNumber}",
            },
            SuccessUrl = ReturnUrl(options.Value.SuccessUrl, request.InvoiceId) ?? request.SuccessUrl,
            CancelUrl = ReturnUrl(options.Value.CancelUrl ?? options.Value.SuccessUrl, request.InvoiceId) ?? request.CancelUrl,
        };
        try
        {
            var client = services.GetRequiredService<IStripeClient>();
            var session = await new SessionService(client).CreateAsync(create,
                new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken);
            return new CheckoutSession(session.Id, session.Url);
        }
        catch (StripeException e)
        {
            throw new PaymentProviderException("Le service de paiement en ligne n'a pas pu créer la page de paiement. Réessayez dans quelques instants.", e);
        }
    }

    private static string? ReturnUrl(string? template, Guid invoiceId) =>
        string.IsNullOrWhiteSpace(template) ? null : template.Replace("{invoiceId}", invoiceId.ToString(), StringComparison.Ordinal);
}

/// <summary>The metadata keys put on checkout sessions and payment intents.</summary>
public static class StripeMetadata
{
    public const string InvoiceId = "invoice_id";
    public const string OnlinePaymentId = "online_payment_id";
    public const string TenantId = "tenant_id";
}
