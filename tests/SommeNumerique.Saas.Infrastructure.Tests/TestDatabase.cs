using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.ReferenceData;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.Tests;

/// <summary>
/// A private SQLite in-memory database, migrated with the real SQLite migrations, alive as long as this
/// object. <see cref="Context"/> opens a DbContext acting for the given tenant context.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public TestDatabase()
    {
        _connection.Open();
        using var db = Context(Host());
        db.Database.Migrate();
    }

    public SaasDbContext Context(TenantContext tenant)
    {
        var options = new DbContextOptionsBuilder<SqliteSaasDbContext>();
        options.UseSqlite(_connection, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        return new SqliteSaasDbContext(options.Options, tenant);
    }

    public static TenantContext Host()
    {
        var tenant = new TenantContext();
        tenant.UseHost();
        return tenant;
    }

    public async Task<ImportReport> ImportSommeAsync()
    {
        await using var db = Context(Host());
        return await new EtalabImporter(db, NullLogger<EtalabImporter>.Instance).ImportAsync(ReferenceDataSource.SommeExtract());
    }

    public void Dispose() => _connection.Dispose();
}
