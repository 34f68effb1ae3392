using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.Persistence;

// Used only by `dotnet ef migrations add` (scripts/add-migration.sh; README, "Choosing a database"). The connection strings are placeholders:
// generating a migration does not connect.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSaasDbContext>
{
    public SqliteSaasDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteSaasDbContext>();
        PersistenceSetup.ConfigureSqlite(o, "Data Source=design-time.db");
        return new SqliteSaasDbContext(o.Options, HostTenant());
    }

    internal static TenantContext HostTenant()
    {
        var tenant = new TenantContext();
        tenant.UseHost();
        return tenant;
    }
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlSaasDbContext>
{
    public PostgreSqlSaasDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgreSqlSaasDbContext>();
        PersistenceSetup.ConfigurePostgreSql(o, "Host=localhost;Database=design_time");
        return new PostgreSqlSaasDbContext(o.Options, SqliteDesignTimeFactory.HostTenant());
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerSaasDbContext>
{
    public SqlServerSaasDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqlServerSaasDbContext>();
        PersistenceSetup.ConfigureSqlServer(o, "Server=localhost;Database=design_time;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerSaasDbContext(o.Options, SqliteDesignTimeFactory.HostTenant());
    }
}
