using System.Diagnostics;
using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.ReferenceData;
using SommeNumerique.Saas.Infrastructure.Startup;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;
using SommeNumerique.Saas.TestSupport;

namespace SommeNumerique.Saas.Bench;

public sealed record RunOptions(string Provider, string DataFolder, int Seed, int SubscriptionsPerTenant, int? BatchSize, bool Breakdown,
    bool Exports = true, int SmallRunTenants = 1000, double PesMaxMinutes = 15);

/// <summary>
/// `run` mode: a national billing run on a fresh database. Setup (database, migrations and catalogue, national
/// import, generated members and subscriptions) is timed but is not the measure; the measures are the dry run of
/// period 2025 (StartBillingRun, dryRun) and its issue (IssueBillingRun, then ProcessBillingRun, synchronously),
/// each through ISender in a host scope, with their peak memory; then the treasury exports of the issued run
/// (RunBenchmark.Exports.cs), compared with the same exports of a small run measured first.
/// </summary>
public static partial class RunBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(RunOptions options)
    {
        var provider = options.Provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase) || options.Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase)
            ? "PostgreSql"
            : options.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase) ? "Sqlite" : throw new ArgumentException($"Unknown provider {options.Provider}.");
        var data = Path.GetFullPath(options.DataFolder);
        foreach (var file in new[] { "communes.json", "epci.json" })
            if (!File.Exists(Path.Combine(data, file))) throw new FileNotFoundException($"{file} missing in {data}: run bench/fetch-etalab.sh.");

        DbCommandStats.Enable();
        var table = new Table(provider);
        Console.WriteLine($"# Billing run benchmark — {provider}, {Environment.ProcessorCount} CPU, {Measure.Gc}, .NET {Environment.Version}");
        Console.WriteLine($"# data {data}, seed {options.Seed}, {options.SubscriptionsPerTenant} subscriptions per tenant, batch size {options.BatchSize?.ToString(Inv) ?? "default (500)"}");

        var work = Directory.CreateTempSubdirectory("sn-bench-run-");
        PostgresServer? server = null;
        try
        {
            // 0. A fresh database.
            string connectionString;
            using (var m = Measure.Start())
            {
                if (provider == "Sqlite")
                {
                    connectionString = $"Data Source={Path.Combine(work.FullName, "bench.db")}";
                }
                else
                {
                    server = await PostgresServer.StartAsync();
                    connectionString = await server.CreateDatabaseAsync("bench");
                }
                table.Setup("fresh database" + (provider == "Sqlite" ? " (temp file)" : server!.IsExternal ? " (SN_TEST_POSTGRES)" : " (temp PostgreSQL server)"), m.Stop());
            }

            // 0b. The exports of a small run first (its own database and host, disposed before the national setup).
            TimeSpan? pesPerInvoice = options.Exports ? await SmallRunExportsAsync(options, provider, server, work, data, table) : null;

            using var host = BuildHost(provider, connectionString, work.FullName, options.BatchSize);
            var services = host.Services;

            // 1. Migrations and the catalogue (data/catalogue.json), as at start-up.
            using (var m = Measure.Start())
            {
                await services.InitializeDatabaseAsync();
                table.Setup("migrate + seed catalogue", m.Stop());
            }

            // 2. National reference data.
            using (var m = Measure.Start())
            {
                await using var scope = HostScope(services);
                var report = await scope.ServiceProvider.GetRequiredService<EtalabImporter>()
                    .ImportAsync(ReferenceDataSource.Folder(data));
                table.Setup($"import Etalab (national): {report.CommunesRead} communes, {report.EpciRead} EPCI, {report.TenantsCreated} tenants, {report.RowsWritten} rows, {report.Skipped.Count} skipped", m.Stop());
            }

            // 3. Members and subscriptions (Bogus, fixed seed), inserted in chunks.
            int charges;
            using (var m = Measure.Start())
            {
                var generated = await GenerateAsync(services, options);
                charges = generated.Charges;
                table.Setup($"generate + insert: {generated.Members} members made, {generated.Subscriptions} subscriptions ({generated.Charges} in service in 2025, {generated.BillableTenants} tenants)", m.Stop());
            }

            // 4. Dry run of 2025.
            BillingRunView preview;
            using (var m = Measure.Start())
            {
                await using var scope = HostScope(services);
                preview = await scope.ServiceProvider.GetRequiredService<ISender>()
                    .Send(new StartBillingRun.Command(new StartBillingRun.Request("2025", DryRun: true)));
                var r = m.Stop();
                table.Measured("dry run 2025 (StartBillingRun, dryRun)", r, 15,
                    $"{preview.TenantCount} tenants, {preview.InvoiceCount} invoices, {preview.SetAsideCount} with charges set aside, {preview.PreviewTotalTtc.ToString("N2", Inv)} € TTC; {Rate(charges, r.Elapsed)} charges/s end to end");
            }

            // 4b. Where the dry run's time goes (warm, read-only: nothing is saved).
            if (options.Breakdown) await BreakdownAsync(services, table, charges);

            // 5. Issue: IssueBillingRun (recomputes and compares with the preview, then marks the run issuing), then
            //    ProcessBillingRun (batches of invoices), which the hosted worker would otherwise run.
            using (var m = Measure.Start())
            {
                var clock = Stopwatch.StartNew();
                await using (var scope = HostScope(services))
                    await scope.ServiceProvider.GetRequiredService<ISender>().Send(new IssueBillingRun.Command(preview.Id));
                var issueCommand = clock.Elapsed;
                BillingRunStatus status;
                await using (var scope = HostScope(services))
                    status = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessBillingRun.Request(preview.Id));
                var process = clock.Elapsed - issueCommand;
                var r = m.Stop();

                BillingRunView issued;
                int invoices, lines;
                await using (var scope = HostScope(services))
                {
                    issued = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetBillingRun.Query(preview.Id));
                    var db = scope.ServiceProvider.GetRequiredService<ISaasDbContext>();
                    invoices = await db.Invoices.CountAsync(i => i.BillingRunId == preview.Id);
                    lines = await db.Invoices.Where(i => i.BillingRunId == preview.Id).SelectMany(i => i.Lines).CountAsync();
                }
                var consistent = status == BillingRunStatus.Issued && issued.IssuedTotalTtc == preview.PreviewTotalTtc && invoices == preview.InvoiceCount;
                table.Measured("issue 2025 (IssueBillingRun + ProcessBillingRun)", r, 30,
                    $"IssueBillingRun {issueCommand.TotalSeconds.ToString("0.00", Inv)} s + ProcessBillingRun {process.TotalSeconds.ToString("0.00", Inv)} s; "
                    + $"{status}, {invoices} invoices, {lines} lines, {issued.IssuedTotalTtc.ToString("N2", Inv)} € TTC{(consistent ? " = preview" : " ≠ PREVIEW")}");
                if (!consistent) Console.Error.WriteLine("error: the issued run does not match its preview.");
            }

            // 6. Treasury exports of the issued national run.
            if (options.Exports) await NationalExportsAsync(services, options, table, preview.Id, preview.InvoiceCount, pesPerInvoice);

            using var self = Process.GetCurrentProcess();
            self.Refresh();
            table.Print();
            PrintExports(provider);
            Console.WriteLine();
            Console.WriteLine($"Process: peak working set since the last reset {Measure.Mib(self.PeakWorkingSet64)} MiB (per-phase peaks above{(Measure.PeakRssResettable ? ", VmHWM reset at each phase" : ", sampled every 50 ms")}); "
                + $"total allocated {Measure.Mib(GC.GetTotalAllocatedBytes(true))} MiB; GC pauses {GC.GetTotalPauseDuration().TotalSeconds.ToString("0.00", Inv)} s.");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (server is not null) await server.DisposeAsync();
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static IHost BuildHost(string provider, string connectionString, string contentRoot, int? batchSize) =>
        BenchHost.Build(provider, connectionString, contentRoot, batchSize);

    private static AsyncServiceScope HostScope(IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseHost();
        return scope;
    }

    private sealed record Generated(int Members, int Subscriptions, int Charges, int BillableTenants);

    private static async Task<Generated> GenerateAsync(IServiceProvider services, RunOptions options, int tenantStride = 1)
    {
        var generator = new BenchData(options.Seed) { SubscriptionsPerTenant = options.SubscriptionsPerTenant, TenantStride = tenantStride };
        List<Domain.Tenancy.Tenant> tenants;
        List<CatalogueItem> catalogue;
        int members;
        await using (var scope = HostScope(services))
        {
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            tenants = await db.Tenants.ToListAsync();
            members = generator.MarkMembers(tenants);
            await db.SaveChangesAsync();
            catalogue = await db.CatalogueItems.AsNoTracking().Include(i => i.Offers).ThenInclude(o => o.Versions).ToListAsync();
        }

        var subscriptions = generator.Subscriptions(tenants, catalogue);
        tenants.Clear();
        await using (var scope = HostScope(services))
        {
            var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var chunk in subscriptions.Chunk(5_000))
            {
                db.Subscriptions.AddRange(chunk);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        var period = BillingPeriod.Containing(new DateOnly(2025, 1, 1), BillingAlignment.CalendarYear);
        var inPeriod = subscriptions.Where(s => s.BillingAlignment == BillingAlignment.CalendarYear && s.StartDate <= period.End
            && (s.TerminationDate == null || s.TerminationDate >= period.Start)).ToList();
        return new Generated(members, subscriptions.Count, inPeriod.Count, inPeriod.Select(s => s.TenantId).Distinct().Count());
    }

    /// <summary>The dry run's parts, timed one by one in a scope of their own: load, price (pipeline), fingerprints.</summary>
    private static async Task BreakdownAsync(IServiceProvider services, Table table, int charges)
    {
        await using var scope = HostScope(services);
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<ISaasDbContext>();
        var period = BillingPeriod.Containing(new DateOnly(2025, 1, 1), BillingAlignment.CalendarYear);

        BillingData data;
        using (var m = Measure.Start())
        {
            data = await BillingData.LoadAsync(db, period, BillingAlignment.CalendarYear, CancellationToken.None);
            table.Part("  BillingData.LoadAsync", m.Stop(), $"{data.Tenants.Count} tenants, {data.SubscriptionsByTenant.Values.Sum(s => s.Count)} subscriptions, {data.Billed.Count} already billed");
        }
        // What LoadAsync reads, query by query (same filters; owned collections come with their owner).
        using (var m = Measure.Start())
        {
            var tenants = await db.Tenants.AsNoTracking().ToListAsync();
            table.Part("    of which tenants (+ memberships, populations)", m.Stop(), $"{tenants.Count} tenants, {tenants.Sum(t => t.Populations.Count + t.Memberships.Count)} owned rows");
        }
        using (var m = Measure.Start())
        {
            var subscriptions = await db.Subscriptions.AsNoTracking()
                .Where(s => s.BillingAlignment == BillingAlignment.CalendarYear && s.StartDate <= period.End
                    && (s.TerminationDate == null || s.TerminationDate >= period.Start))
                .ToListAsync();
            table.Part("    of which subscriptions (+ quantity steps, change history)", m.Stop(),
                $"{subscriptions.Count} subscriptions, {subscriptions.Sum(s => s.QuantitySteps.Count)} steps, {subscriptions.Sum(s => s.Changes.Count)} history rows (billing does not read the history)");
        }
        using (var m = Measure.Start())
        {
            var subscriptions = await db.Subscriptions.AsNoTracking()
                .Where(s => s.BillingAlignment == BillingAlignment.CalendarYear && s.StartDate <= period.End
                    && (s.TerminationDate == null || s.TerminationDate >= period.Start))
                .Select(s => new { s.Id, s.TenantId, s.OfferId, s.StartDate, s.TerminationDate, s.GratuityEndsOn, Steps = s.QuantitySteps.ToList() })
                .ToListAsync();
            table.Part("    for comparison: subscriptions projected without the history (bench-only query)", m.Stop(), $"{subscriptions.Count} subscriptions");
        }
        IReadOnlyList<TenantBill> bills;
        using (var m = Measure.Start())
        {
            bills = await sp.GetRequiredService<BillingRunPreview>().ComputeAsync(data, data.BillableTenants(), CancellationToken.None);
            var r = m.Stop();
            table.Part("  price every charge (BillableTenants + TenantBillCalculator, ISender)", r, $"{bills.Count} bills, {bills.Sum(b => b.Lines.Count)} lines; {Rate(charges, r.Elapsed)} charges/s");
        }
        using (var m = Measure.Start())
        {
            var length = 0;
            foreach (var bill in bills) length += bill.Fingerprint().Length;
            table.Part("  TenantBill.Fingerprint() of every bill", m.Stop(), $"{bills.Count} fingerprints");
        }
        using (var m = Measure.Start())
        {
            var totals = 0m;
            foreach (var bill in bills) totals += bill.TotalHt + bill.TotalVat + bill.TotalTtc;
            table.Part("  TenantBill totals (HT, VAT, TTC) of every bill", m.Stop(), $"{totals.ToString("N2", Inv)}");
        }
    }

    private static string Rate(int count, TimeSpan elapsed) =>
        (count / Math.Max(elapsed.TotalSeconds, 1e-9)).ToString("N0", Inv);

    /// <summary>The Markdown table printed at the end (and each line as it comes, for long runs).</summary>
    private sealed class Table(string provider)
    {
        private const string Header = "| Provider | Phase | Time (s) | Target | CPU (s) | SQL commands / exec. time (s) | Peak RSS in phase (MiB) | Max managed heap (MiB) | Allocated (MiB) | GC gen0/1/2 | GC pauses (s) | Details |";
        private const string Rule = "|---|---|---:|---|---:|---:|---:|---:|---:|---|---:|---|";
        private readonly List<string> _rows = [];

        public void Setup(string phase, Measure.Result r) => Add(phase + " *(setup)*", r, "—", "");

        public void Part(string phase, Measure.Result r, string details) => Add(phase, r, "—", details);

        public void Measured(string phase, Measure.Result r, int targetSeconds, string details)
        {
            var time = r.Elapsed.TotalSeconds <= targetSeconds ? "met" : $"**missed ×{(r.Elapsed.TotalSeconds / targetSeconds).ToString("0.0", Inv)}**";
            var memory = r.PeakRss <= 1L << 30 ? "met" : "**missed**";
            Add($"**{phase}**", r, $"< {targetSeconds} s: {time}; < 1 GiB: {memory}", details);
        }

        private void Add(string phase, Measure.Result r, string target, string details)
        {
            var row = $"| {provider} | {phase} | {r.Seconds} | {target} | {r.CpuSeconds} | {r.Db} | {r.PeakRssMiB} | {r.MaxHeapMiB} | {r.AllocatedMiB} | {r.Gcs} | {r.GcPauseSeconds} | {details} |";
            _rows.Add(row);
            Console.WriteLine(row);
        }

        public void Print()
        {
            Console.WriteLine();
            Console.WriteLine(Header);
            Console.WriteLine(Rule);
            foreach (var row in _rows) Console.WriteLine(row);
        }
    }
}
