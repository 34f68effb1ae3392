using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Treasury;
using SommeNumerique.Saas.Application.Tenancy;
using SommeNumerique.Saas.Infrastructure.Billing;
using SommeNumerique.Saas.Infrastructure.Invoicing.Pdf;
using SommeNumerique.Saas.Infrastructure.Catalogue;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.ReferenceData;
using SommeNumerique.Saas.Infrastructure.Tenancy;
using SommeNumerique.Saas.Infrastructure.Treasury.Pes;

namespace SommeNumerique.Saas.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddPersistence(configuration, contentRoot);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddSaasIdentity();
        services.AddScoped<EtalabImporter>();
        services.AddScoped<CatalogueSeeder>();
        services.AddScoped<DemoAccounts>();
        services.Configure<BillingOptions>(configuration.GetSection(BillingOptions.Section));
        services.Configure<SellerOptions>(configuration.GetSection(SellerOptions.Section));
        services.Configure<PesOptions>(configuration.GetSection(PesOptions.Section));
        services.AddSingleton<IPesRecetteWriter, PesRecetteWriter>();
        services.AddSingleton<BillingRunQueue>();
        services.AddSingleton<IBillingRunQueue>(sp => sp.GetRequiredService<BillingRunQueue>());
        services.AddHostedService<BillingRunWorker>();
        services.AddSingleton<IInvoicePdfRenderer>(_ =>
        {
            PdfLicensing.Apply(configuration["Pdf:LicenseKey"]);
            return new InvoicePdfRenderer();
        });
        services.AddHealthChecks()
            .AddCheck<MigrationsAppliedHealthCheck>("database", tags: ["ready"]);
        return services;
    }
}
