using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Treasury;
using SommeNumerique.Saas.Application.Features.Treasury.EInvoicing;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Infrastructure.Billing;
using SommeNumerique.Saas.Infrastructure.Invoicing.Pdf;
using SommeNumerique.Saas.Infrastructure.Catalogue;
using SommeNumerique.Saas.Infrastructure.Email;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.Payments.Stripe;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.ReferenceData;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;
using SommeNumerique.Saas.Infrastructure.Treasury.Csv;
using SommeNumerique.Saas.Infrastructure.Treasury.Reminders;
using SommeNumerique.Saas.Infrastructure.Treasury.EInvoicing;
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
        services.AddCredentials(configuration); // password links, first administrator command (Identity/CredentialsSetup)
        services.AddScoped<EtalabImporter>();
        services.AddScoped<CatalogueSeeder>();
        services.AddScoped<DemoAccounts>();
        services.AddScoped<Application.TenantIsolation.IHostScopeElevation>(sp => sp.GetRequiredService<TenantContext>());
        services.Configure<BillingOptions>(configuration.GetSection(BillingOptions.Section));
        services.Configure<SellerOptions>(configuration.GetSection(SellerOptions.Section));
        services.PostConfigure<SellerOptions>(SellerOptions.ApplySeedDefaults); // the seeds' identity where configuration is blank
        services.Configure<EInvoicingOptions>(configuration.GetSection(EInvoicingOptions.Section));
        services.AddSingleton<IUblInvoiceWriter, UblInvoiceWriter>();
        services.Configure<PesOptions>(configuration.GetSection(PesOptions.Section));
        // The two budgets' identifiers: an IdColl Hélios would reject stops the start, with the field named.
        services.AddOptions<BudgetOptions>().Bind(configuration.GetSection(BudgetOptions.Section))
            .Validate(o => o.Problems().Count == 0, "Budgets: configuration invalide (voir BudgetOptions.Problems).").ValidateOnStart();
        services.AddSingleton<IPesRecetteWriter, PesRecetteWriter>();
        services.AddSingleton<BillingRunQueue>();
        services.AddSingleton<IBillingRunQueue>(sp => sp.GetRequiredService<BillingRunQueue>());
        services.AddHostedService<BillingRunWorker>();
        services.AddEmail(configuration); // SMTP (MailKit) or the Development folder, and the outbox dispatcher
        // PDFsharp renders nothing until the process has chosen its licence: done once, before the first renderer.
        services.AddSingleton<IInvoicePdfRenderer>(_ => PdfLicensing.Applied(configuration, new InvoicePdfRenderer()));
        services.AddSingleton<IReminderLetterRenderer>(_ => PdfLicensing.Applied(configuration, new ReminderLetterPdfRenderer()));
        services.AddSingleton<ITreasuryCsvWriter, TreasuryCsvWriter>();
        // Cookies and antiforgery tokens must be readable by every instance behind the load balancer: the key
        // ring is kept in the database, shared by all instances.
        services.AddDataProtection()
            .SetApplicationName("SommeNumerique.Saas")
            .PersistKeysToDbContext<SaasDbContext>();
        services.AddStripePayments(configuration);
        services.AddHealthChecks()
            .AddCheck<MigrationsAppliedHealthCheck>("database", tags: ["ready"]);
        return services;
    }
}
