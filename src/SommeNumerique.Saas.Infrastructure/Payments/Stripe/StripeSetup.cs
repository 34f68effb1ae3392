using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Features.Payments;
using Stripe;

namespace SommeNumerique.Saas.Infrastructure.Payments.Stripe;

public static class StripeSetup
{
    /// <summary>The named HttpClient the Stripe client sends through (tests swap its handler for a fake Stripe).</summary>
    public const string HttpClientName = "Stripe";

    /// <summary>Options, the Stripe client (created on first use, only when a secret key is configured), gateway and webhook reader.</summary>
    public static IServiceCollection AddStripePayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StripeOptions>(configuration.GetSection(StripeOptions.Section));
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<IStripeClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            if (!options.IsEnabled) throw new InvalidOperationException("Stripe is not configured (Stripe:SecretKey).");
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            return new StripeClient(options.SecretKey,
                httpClient: new SystemNetHttpClient(http, maxNetworkRetries: options.MaxNetworkRetries),
                apiBase: string.IsNullOrWhiteSpace(options.ApiBase) ? null : options.ApiBase);
        });
        services.AddScoped<IOnlinePaymentGateway, StripeOnlinePaymentGateway>();
        services.AddSingleton<StripeWebhookReader>();
        return services;
    }
}
