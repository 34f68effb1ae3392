using System.Globalization;
using BenchmarkDotNet.Running;
using SommeNumerique.Saas.Bench;

// Usage (bench/README.md):
//   pipeline [BenchmarkDotNet arguments]        the billing pipeline, charges/s on one thread (default: --filter *)
//   run --provider Sqlite|PostgreSql --data <folder> [--seed 2025] [--subscriptions-per-tenant 5] [--batch-size N] [--no-breakdown]
//       [--exports | --no-exports] [--small-run-tenants 1000] [--pes-max-minutes 15]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var mode = args.FirstOrDefault();
switch (mode)
{
    case "pipeline":
        // Without arguments: both classes (the pipeline, then the cost of each rule).
        BenchmarkSwitcher.FromTypes([typeof(PipelineBenchmarks), typeof(RuleCostBenchmarks)])
            .Run(args.Contains("--filter") ? args[1..] : [.. args[1..], "--filter", "*"]);
        return 0;
    case "run":
        var options = new RunOptions(
            Provider: Option("--provider") ?? "Sqlite",
            DataFolder: Option("--data") ?? Path.Combine(AppContext.BaseDirectory, "../../../../.data"),
            Seed: int.Parse(Option("--seed") ?? "2025", CultureInfo.InvariantCulture),
            SubscriptionsPerTenant: int.Parse(Option("--subscriptions-per-tenant") ?? "5", CultureInfo.InvariantCulture),
            BatchSize: Option("--batch-size") is { } size ? int.Parse(size, CultureInfo.InvariantCulture) : null,
            Breakdown: !args.Contains("--no-breakdown"),
            // Treasury exports (PES, CSV) of the issued run, and of a small run first for comparison: on by default.
            Exports: !args.Contains("--no-exports"),
            SmallRunTenants: int.Parse(Option("--small-run-tenants") ?? "1000", CultureInfo.InvariantCulture),
            // The national PES export is skipped when the small run's time per invoice extrapolates beyond this (0: always run).
            PesMaxMinutes: double.Parse(Option("--pes-max-minutes") ?? "15", CultureInfo.InvariantCulture));
        return await RunBenchmark.RunAsync(options);
    default:
        Console.Error.WriteLine("usage: SommeNumerique.Saas.Bench pipeline [BenchmarkDotNet args] | run --provider Sqlite|PostgreSql --data <folder with communes.json, epci.json>");
        return 2;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
