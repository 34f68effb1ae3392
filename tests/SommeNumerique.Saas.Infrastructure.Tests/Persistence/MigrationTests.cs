using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;
using SommeNumerique.Saas.TestSupport;

namespace SommeNumerique.Saas.Infrastructure.Tests.Persistence;

/// <summary>Each provider has migrations that match the model, and they produce a real schema.</summary>
public sealed class MigrationTests
{
    private static TenantContext Host() => TestDatabase.Host();

    private static SqlServerSaasDbContext SqlServer()
    {
        var o = new DbContextOptionsBuilder<SqlServerSaasDbContext>();
        PersistenceSetup.ConfigureSqlServer(o, "Server=unused;Database=unused;TrustServerCertificate=True");
        return new SqlServerSaasDbContext(o.Options, Host());
    }

    private static PostgreSqlSaasDbContext PostgreSql(string connectionString)
    {
        var o = new DbContextOptionsBuilder<PostgreSqlSaasDbContext>();
        PersistenceSetup.ConfigurePostgreSql(o, connectionString);
        return new PostgreSqlSaasDbContext(o.Options, Host());
    }

    private static SqliteSaasDbContext Sqlite()
    {
        var o = new DbContextOptionsBuilder<SqliteSaasDbContext>();
        PersistenceSetup.ConfigureSqlite(o, "Data Source=:memory:");
        return new SqliteSaasDbContext(o.Options, Host());
    }

    [Fact]
    public void The_SqlServer_migrations_generate_an_idempotent_script_with_every_table()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Tenants]", script);
        Assert.Contains("CREATE TABLE [TenantMembers]", script);
        Assert.Contains("CREATE TABLE [TenantMemberships]", script);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Tenants_Siren]", script);
        Assert.Contains("IF NOT EXISTS", script);
    }

    [Fact]
    public void No_provider_has_model_changes_missing_from_its_migrations()
    {
        using var sqlite = Sqlite();
        using var sqlServer = SqlServer();
        using var postgres = PostgreSql("Host=unused;Database=unused");

        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: run scripts/add-migration.sh");
        Assert.False(sqlServer.Database.HasPendingModelChanges(), "SQL Server: run scripts/add-migration.sh");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL: run scripts/add-migration.sh");
    }

    [Fact]
    public async Task The_PostgreSql_migrations_apply_on_a_real_server()
    {
        var server = await SharedPostgres.GetAsync();
        await using var db = PostgreSql(await server.CreateDatabaseAsync("migrations"));

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Tenants.CountAsync());
    }
}
