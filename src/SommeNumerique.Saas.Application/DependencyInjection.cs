using FluentValidation;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SommeNumerique.Saas.Application;

public static class DependencyInjection
{
    /// <summary>Validators and the Mapster configuration. Mediator itself is registered by the Web project.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<AssemblyMarker>(ServiceLifetime.Scoped, includeInternalTypes: true);
        var mapping = new TypeAdapterConfig();
        mapping.Scan(typeof(AssemblyMarker).Assembly);
        services.AddSingleton(mapping);
        services.AddScoped<Common.AuditTrail>();
        services.AddScoped<Common.PortalLinks>();
        services.AddScoped<Email.IEmailOutbox, Email.EmailOutbox>();
        services.AddSingleton<Email.EmailOutboxSignal>();
        services.AddScoped<Features.Catalogue.TenantPricing>();
        services.AddScoped<Features.Subscriptions.SubscriptionQuotes>();
        services.AddScoped<Features.Billing.Runs.TenantBillCalculator>();
        services.AddScoped<Features.Billing.Runs.BillingRunPreview>();
        services.AddOptions<Features.Accounts.AccountsOptions>().BindConfiguration(Features.Accounts.AccountsOptions.Section);
        services.TryAddSingleton<Features.Billing.Runs.IBillingRunHooks, Features.Billing.Runs.BillingRunTestPause>();
        return services;
    }
}

/// <summary>Points at this assembly (for scanning and for the Mediator source generator).</summary>
public sealed class AssemblyMarker;
