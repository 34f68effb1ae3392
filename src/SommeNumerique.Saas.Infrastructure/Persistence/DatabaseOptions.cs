namespace SommeNumerique.Saas.Infrastructure.Persistence;

/// <summary>The database engines the product runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: a file in the data folder, nothing to install.</summary>
    Sqlite,
    /// <summary>SQL Server or Azure SQL.</summary>
    SqlServer,
    /// <summary>PostgreSQL (15+), for self-hosting.</summary>
    PostgreSql,
}

/// <summary>
/// Configuration section <c>Database</c>. The connection string is <c>ConnectionStrings:Default</c>;
/// for SQLite it defaults to <c>Data Source={DataDirectory}/somme-numerique.db</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up (turn off when a deployment pipeline migrates).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Import the Somme reference data (tenants) at start-up; importing again changes nothing.</summary>
    public bool ImportReferenceData { get; set; } = true;

    /// <summary>Seed the voted catalogue (data/catalogue.json) at start-up; additive, never overwrites staff edits.</summary>
    public bool SeedCatalogue { get; set; } = true;

    /// <summary>Folder for the SQLite file (relative to the content root); created when missing.</summary>
    public string DataDirectory { get; set; } = "data";
}
