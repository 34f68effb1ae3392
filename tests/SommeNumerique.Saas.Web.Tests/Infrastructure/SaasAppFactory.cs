using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.ReferenceData;
using SommeNumerique.Saas.TestSupport;

namespace SommeNumerique.Saas.Web.Tests.Infrastructure;

/// <summary>
/// The real application (Program.cs) on a real database of its own: a temporary SQLite file, or a fresh
/// database on the test PostgreSQL server. It starts like `dotnet run` does: migrations, the Somme import and
/// the demo accounts (Development environment), with a known demo password.
/// </summary>
public sealed class SaasAppFactory(string provider, string? connectionString, string dataDirectory) : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Passw0rd-Tests";

    public string Provider { get; } = provider;

    /// <summary>The application's clock: real time, moved forward by tests that need time to pass (due dates).</summary>
    public TestClock Clock { get; } = new();
    /// <summary>More set-up for one test class (settings, services), applied after the defaults.</summary>
    public Action<IWebHostBuilder>? Customize { get; init; }

    /// <summary>
    /// Extra configuration ("Section:Key"), applied before the application starts (e.g. <c>Database:MigrateOnStartup</c>,
    /// <c>ReverseProxy:KnownProxies</c>, the seller's identity for e-invoices).
    /// </summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>
    /// Where the app writes its e-mails when no SMTP server is set (Development pickup folder, one .eml per message):
    /// a temporary folder of this factory. Tests that read the e-mails as sent use <see cref="UseSmtp"/> instead.
    /// </summary>
    public string MailDirectory { get; } = Directory.CreateTempSubdirectory("sn-mail-").FullName;

    /// <summary>Sends the app's e-mails to <paramref name="smtp"/> (a real SMTP server of the test); before the app starts.</summary>
    public SaasAppFactory UseSmtp(SmtpTestServer smtp)
    {
        foreach (var (key, value) in smtp.AppSettings) Settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("Database:DataDirectory", dataDirectory);
        if (connectionString is not null) builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Demo:AuthenticatorKey", DemoAuthenticator.Key); // Staff and Treasury sign in with DemoAuthenticator.Code()
        // Tests sign in many times from one (test) address: sign-in limits out of the way unless a test sets its own.
        builder.UseSetting("RateLimiting:SignIn:PerIpPermitLimit", "100000");
        builder.UseSetting("RateLimiting:SignIn:PerAccountAndIpPermitLimit", "100000");
        builder.UseSetting("RateLimiting:SignIn:PerAccountPermitLimit", "100000");
        builder.UseSetting("Portal:BaseUrl", "http://localhost"); // the test server's address
        builder.UseSetting("Email:PickupDirectory", MailDirectory); // not the source tree's data/mail
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        Customize?.Invoke(builder);
    }

    /// <summary>
    /// Billing uses the legal population recorded for the billed year only, and the import brings the Etalab edition's
    /// year (2026, millésime 2023) plus the members' 2019 figures (seed 002). The tests bill many years (2015 to 2030): the fixture copies
    /// each tenant's Etalab figure to the years it lacks, marked as test data. Tenants created by a test have none.
    /// </summary>
    public const string TestPopulationSource = "Jeu d'essai des tests (population Etalab en vigueur en 2026)";

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (Settings.GetValueOrDefault("Database:MigrateOnStartup") is not "false" and not "False"
            && Settings.GetValueOrDefault("Database:ImportReferenceData") is not "false" and not "False")
        {
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            for (var year = 2015; year <= 2030; year++)
                db.Database.ExecuteSqlRaw(
                    "INSERT INTO \"TenantPopulations\" (\"TenantId\", \"ReferenceYear\", \"Population\", \"Source\") "
                    + "SELECT p.\"TenantId\", {0}, p.\"Population\", {1} FROM \"TenantPopulations\" p WHERE p.\"ReferenceYear\" = {2} "
                    + "AND NOT EXISTS (SELECT 1 FROM \"TenantPopulations\" q WHERE q.\"TenantId\" = p.\"TenantId\" AND q.\"ReferenceYear\" = {0})",
                    year, TestPopulationSource, ReferenceDataSource.Etalab600PopulationReferenceYear);
        }
        return host;
    }

    public static SaasAppFactory Sqlite(Action<IWebHostBuilder>? customize = null) =>
        new("Sqlite", null, Directory.CreateTempSubdirectory("sn-web-tests-").FullName) { Customize = customize };

    public static async Task<SaasAppFactory> PostgreSqlAsync(Action<IWebHostBuilder>? customize = null)
    {
        var server = await SharedPostgres.GetAsync();
        return new SaasAppFactory("PostgreSql", await server.CreateDatabaseAsync("web"), Path.GetTempPath()) { Customize = customize };
    }
}

/// <summary>One started application per test class, on SQLite.</summary>
public sealed class SqliteApp : IAsyncLifetime
{
    public SaasAppFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = SaasAppFactory.Sqlite();
        _ = Factory.Server; // start now: migrations + import happen here, not in the first test
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>One started application per test class, on the test PostgreSQL server.</summary>
public sealed class PostgreSqlApp : IAsyncLifetime
{
    public SaasAppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = await SaasAppFactory.PostgreSqlAsync();
        _ = Factory.Server;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>The system clock plus an offset that tests move forward.</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public DateOnly Today => DateOnly.FromDateTime(GetLocalNow().DateTime);
}
