using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Infrastructure.Persistence;

public static class PersistenceSetup
{
    /// <summary>
    /// Registers <see cref="SaasDbContext"/> (and <see cref="ISaasDbContext"/>) on the configured provider.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        var connectionString = configuration.GetConnectionString("Default");

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString ??= DefaultSqliteConnectionString(options, contentRoot);
                services.AddDbContext<SaasDbContext, SqliteSaasDbContext>(o => ConfigureSqlite(o, connectionString));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<SaasDbContext, PostgreSqlSaasDbContext>(o => ConfigurePostgreSql(o, Required(connectionString)));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<SaasDbContext, SqlServerSaasDbContext>(o => ConfigureSqlServer(o, Required(connectionString)));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported.");
        }
        services.AddScoped<ISaasDbContext>(sp => sp.GetRequiredService<SaasDbContext>());
        return services;
    }

    // Tenants carry two owned collections (memberships, populations): split queries load them without a
    // cartesian product.
    public static void ConfigureSqlite(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlite(connectionString, sql => sql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    public static void ConfigurePostgreSql(DbContextOptionsBuilder o, string connectionString) =>
        o.UseNpgsql(connectionString, sql => sql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    public static void ConfigureSqlServer(DbContextOptionsBuilder o, string connectionString) =>
        o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure().UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    private static string DefaultSqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        var folder = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "somme-numerique.db")}";
    }

    private static string Required(string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("ConnectionStrings:Default is required for this Database:Provider.")
            : connectionString;
}
