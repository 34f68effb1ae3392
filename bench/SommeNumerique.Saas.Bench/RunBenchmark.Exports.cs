using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Features.Treasury;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Infrastructure.ReferenceData;
using SommeNumerique.Saas.Infrastructure.Startup;
using SommeNumerique.Saas.TestSupport;

namespace SommeNumerique.Saas.Bench;

/// <summary>
/// Treasury exports of an issued run (issue 6): the PES V2 flow (ExportBillingRunPes, every invoice's PDF inside)
/// and the CSV (ExportBillingRunCsv), each sent through ISender in a host scope and written to a
/// <see cref="CountingStream"/>, measured like the other phases (time, peak RSS, peak managed heap). To show that
/// their memory does not grow with the run, the same exports are first measured on a small run: a second database
/// in the same process, the same national import, subscriptions for every k-th tenant only (≈ 1 000 tenants).
/// </summary>
public static partial class RunBenchmark
{
    /// <summary>One export measured: the line of the exports summary printed at the end.</summary>
    private sealed record ExportRow(string Run, string Export, int Invoices, Measure.Result? Result, long Bytes, string Note);

    private static readonly List<ExportRow> Exports = [];

    /// <summary>
    /// The small run, before the national one: its own database (SQLite file, or a database on the same PostgreSQL
    /// server), the national import, subscriptions for every k-th tenant, dry run and issue of 2025 (setup), then
    /// both exports (measured). Returns the PES write time per invoice, to decide whether the national PES fits.
    /// </summary>
    private static async Task<TimeSpan?> SmallRunExportsAsync(RunOptions options, string provider, PostgresServer? server, DirectoryInfo work,
        string data, Table table)
    {
        string connectionString = provider == "Sqlite"
            ? $"Data Source={Path.Combine(work.FullName, "bench-small.db")}"
            : await server!.CreateDatabaseAsync("bench_small");
        using var host = BuildHost(provider, connectionString, work.FullName, options.BatchSize);
        var services = host.Services;

        BillingRunView preview;
        using (var m = Measure.Start())
        {
            await services.InitializeDatabaseAsync();
            await using (var scope = HostScope(services))
                await scope.ServiceProvider.GetRequiredService<EtalabImporter>().ImportAsync(ReferenceDataSource.Folder(data));
            var tenants = await CountTenantsAsync(services);
            var stride = Math.Max(1, (int)Math.Round(tenants / (double)Math.Max(1, options.SmallRunTenants)));
            var generated = await GenerateAsync(services, options, stride);
            preview = await SendAsync(services, new StartBillingRun.Command(new StartBillingRun.Request("2025", DryRun: true)));
            await SendAsync(services, new IssueBillingRun.Command(preview.Id));
            var status = await SendAsync(services, new ProcessBillingRun.Request(preview.Id));
            if (status != BillingRunStatus.Issued) throw new InvalidOperationException($"The small run ended {status}.");
            table.Setup($"small run for the exports (second database): migrate, import, subscriptions for every {stride}th tenant in SIREN order "
                + $"({generated.BillableTenants} tenants, {generated.Subscriptions} subscriptions), dry run + issue 2025: {preview.InvoiceCount} invoices", m.Stop());
        }

        var pes = await MeasurePesAsync(services, table, "small", preview.Id, preview.InvoiceCount);
        await MeasureCsvAsync(services, table, "small", preview.Id, preview.InvoiceCount);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return pes;
    }

    /// <summary>The exports of the issued national run; the PES one only if its extrapolated time fits the budget.</summary>
    private static async Task NationalExportsAsync(IServiceProvider services, RunOptions options, Table table, Guid runId, int invoices, TimeSpan? pesPerInvoice)
    {
        var estimate = pesPerInvoice is { } perInvoice ? perInvoice * invoices : (TimeSpan?)null;
        if (estimate is { } e && options.PesMaxMinutes > 0 && e.TotalMinutes > options.PesMaxMinutes)
        {
            var note = $"not run: {Seconds(pesPerInvoice!.Value.TotalMilliseconds / 1000)} s per invoice on the small run × {invoices} invoices ≈ {e.TotalMinutes:0.0} min > --pes-max-minutes {options.PesMaxMinutes}";
            Console.WriteLine($"# national PES export {note}");
            Exports.Add(new ExportRow("national", "PES", invoices, null, 0, note));
        }
        else
        {
            if (estimate is { } x) Console.WriteLine($"# national PES export: ≈ {x.TotalMinutes:0.0} min extrapolated from the small run");
            await MeasurePesAsync(services, table, "national", runId, invoices);
        }
        await MeasureCsvAsync(services, table, "national", runId, invoices);
    }

    /// <summary>
    /// ExportBillingRunPes, in two measures within one scope: numbering then the handler (NumberBillingRunPes numbers
    /// the titres, saved by the unit of work; ExportBillingRunPes reads the bordereaux' totals), then the streamed write of the whole flow — so that the
    /// peak memory of the streaming itself is seen apart from the numbering's.
    /// </summary>
    private static async Task<TimeSpan> MeasurePesAsync(IServiceProvider services, Table table, string run, Guid runId, int invoices)
    {
        var sink = new CountingStream();
        Measure.Result handler, write;
        await using (var scope = HostScope(services))
        {
            StreamedFile file;
            using (var m = Measure.Start())
            {
                var sender = scope.ServiceProvider.GetRequiredService<ISender>();
                await sender.Send(new NumberBillingRunPes.Command(runId));
                file = await sender.Send(new ExportBillingRunPes.Query(runId));
                handler = m.Stop();
            }
            using (var m = Measure.Start())
            {
                await file.WriteAsync(sink, CancellationToken.None);
                write = m.Stop();
            }
        }
        var perInvoice = write.Elapsed / Math.Max(1, invoices);
        Record(table, run, "PES 1/2: handler", invoices, handler, 0, "NumberBillingRunPes numbers the titres (saved by the unit of work), ExportBillingRunPes reads the bordereaux' totals");
        Record(table, run, "PES 2/2: write", invoices, write, sink.BytesWritten,
            $"the flow streamed, every PDF rendered + gzip + base64: {(perInvoice.TotalMilliseconds).ToString("0.00", Inv)} ms per invoice; "
            + $"whole export {Seconds((handler.Elapsed + write.Elapsed).TotalSeconds)} s, {Rate(invoices, handler.Elapsed + write.Elapsed)} invoices/s");
        return perInvoice;
    }

    /// <summary>ExportBillingRunCsv: one row per invoice line.</summary>
    private static async Task MeasureCsvAsync(IServiceProvider services, Table table, string run, Guid runId, int invoices)
    {
        var sink = new CountingStream();
        TimeSpan handler;
        Measure.Result r;
        using (var m = Measure.Start())
        {
            var clock = Stopwatch.StartNew();
            await using (var scope = HostScope(services))
            {
                var file = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExportBillingRunCsv.Query(runId));
                handler = clock.Elapsed;
                await file.WriteAsync(sink, CancellationToken.None);
            }
            r = m.Stop();
        }
        Record(table, run, "CSV", invoices, r, sink.BytesWritten, $"one row per invoice line; handler {Seconds(handler.TotalSeconds)} s");
    }

    private static void Record(Table table, string run, string export, int invoices, Measure.Result r, long bytes, string details)
    {
        Exports.Add(new ExportRow(run, export, invoices, r, bytes, details));
        table.Part($"**export {export} of the {run} run**", r,
            $"{invoices} invoices, {bytes.ToString("N0", Inv)} bytes ({Measure.Mib(bytes)} MiB), {Rate(invoices, r.Elapsed)} invoices/s; "
            + $"at start: heap {r.StartHeapMiB} MiB, RSS {r.StartRssMiB} MiB; {details}");
    }

    /// <summary>The exports side by side: small vs national, the figures the flat-memory claim rests on.</summary>
    private static void PrintExports(string provider)
    {
        if (Exports.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine("| Provider | Run | Export | Invoices | Time (s) | Bytes | Invoices/s | Peak managed heap (MiB) | Heap at start (MiB) | Peak RSS (MiB) | RSS at start (MiB) | Allocated (MiB) | Note |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var e in Exports)
        {
            if (e.Result is not { } r)
            {
                Console.WriteLine($"| {provider} | {e.Run} | {e.Export} | {e.Invoices} | — | — | — | — | — | — | — | — | {e.Note} |");
                continue;
            }
            Console.WriteLine($"| {provider} | {e.Run} | {e.Export} | {e.Invoices} | {r.Seconds} | {e.Bytes.ToString("N0", Inv)} | {Rate(e.Invoices, r.Elapsed)} | "
                + $"{r.MaxHeapMiB} | {r.StartHeapMiB} | {r.PeakRssMiB} | {r.StartRssMiB} | {r.AllocatedMiB} | {e.Note} |");
        }
    }

    private static async Task<int> CountTenantsAsync(IServiceProvider services)
    {
        await using var scope = HostScope(services);
        var db = scope.ServiceProvider.GetRequiredService<ISaasDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Tenants);
    }

    private static async Task<T> SendAsync<T>(IServiceProvider services, IRequest<T> request)
    {
        await using var scope = HostScope(services);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    private static async Task<T> SendAsync<T>(IServiceProvider services, ICommand<T> command)
    {
        await using var scope = HostScope(services);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private static string Seconds(double seconds) => seconds.ToString("0.00", Inv);
}
