using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SommeNumerique.Saas.Infrastructure.Catalogue;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.ReferenceData;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.Startup;

/// <summary>
/// At start-up, in this order and each switchable by configuration: apply migrations, import the Somme
/// reference data, seed the voted catalogue, and (Development only) create the demo accounts and print them.
/// </summary>
public static partial class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<TenantContext>().UseHost();
        var options = sp.GetRequiredService<DatabaseOptions>();
        var environment = sp.GetRequiredService<IHostEnvironment>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = sp.GetRequiredService<SaasDbContext>();

        if (options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(ct);
            LogMigrated(logger, options.Provider.ToString());
        }
        if (options.ImportReferenceData)
        {
            await sp.GetRequiredService<EtalabImporter>().ImportAsync(ReferenceDataSource.SommeExtract(), ct);
        }
        if (options.SeedCatalogue)
        {
            await sp.GetRequiredService<CatalogueSeeder>().SeedAsync(ct);
        }
        if (environment.IsDevelopment() && options.ImportReferenceData)
        {
            var (password, authenticatorKey, accounts) = await sp.GetRequiredService<DemoAccounts>().EnsureWithKeyAsync(ct);
            PrintDemoAccounts(password, authenticatorKey, accounts);
        }
    }

    private static void PrintDemoAccounts(string password, string authenticatorKey, IReadOnlyList<DemoAccount> accounts)
    {
        var lines = new List<string> { "", "=== Comptes de démonstration (Development uniquement) ===" };
        lines.AddRange(accounts.Select(a => $"  {a.Email,-34} {a.Who} — {a.Tenants}"));
        lines.Add($"  Mot de passe commun : {password}   (configuration Demo:Password)");
        lines.Add($"  Clé d'authentification (validation en deux étapes des comptes Staff et Treasury) : {authenticatorKey}");
        lines.Add("    à ajouter dans une application d'authentification (TOTP, 6 chiffres, 30 s)   (configuration Demo:AuthenticatorKey)");
        lines.Add("==========================================================");
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);
}
