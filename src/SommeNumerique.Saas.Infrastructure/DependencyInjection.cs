using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Tenancy;
using SommeNumerique.Saas.Infrastructure.Catalogue;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.ReferenceData;
using SommeNumerique.Saas.Infrastructure.Tenancy;

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
        services.AddHealthChecks()
            .AddCheck<MigrationsAppliedHealthCheck>("database", tags: ["ready"]);
        return services;
    }
}
