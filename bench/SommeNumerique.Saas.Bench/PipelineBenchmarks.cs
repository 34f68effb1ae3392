using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Bogus;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SommeNumerique.Saas.Application;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Infrastructure.Startup;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;
using SommeNumerique.Saas.Web;

namespace SommeNumerique.Saas.Bench;

/// <summary>
/// The billing pipeline alone: <see cref="Charges"/> pre-built charges of period 2025 (12 months), priced one after
/// the other on one thread. <see cref="ViaMediator"/> sends <c>new PriceCharge(input)</c> through the real
/// source-generated <see cref="ISender"/> (ten rule behaviours plus the application's generic behaviours);
/// <see cref="RulesDirect"/> applies the same ten rules in the same order without Mediator, to show its overhead.
/// Results are per charge (OperationsPerInvoke); the "Op/s" column is charges per second.
/// </summary>
[Config(typeof(Config))]
public class PipelineBenchmarks
{
    /// <summary>Charges priced per invocation (a constant, for OperationsPerInvoke).</summary>
    public const int Charges = 4096;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In-process: no generated project to build (central package management, warnings as errors), and the
            // process is the one run.sh pins to one core with taskset.
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId("InProcess"));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(StatisticColumn.OperationsPerSecond);
            HideColumns(Column.Job, Column.Toolchain);
        }
    }

    private ChargeInput[] _inputs = [];
    private ChargeRule[] _rules = [];
    private ServiceProvider? _provider;
    private IServiceScope? _scope;
    private ISender? _sender;

    [GlobalSetup]
    public void Setup()
    {
        _inputs = ChargeInputs.Build(Charges, seed: 2025);
        _rules = ChargeRules.Create();

        // What the pipeline needs, nothing more: no database is touched by PriceCharge.
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddApplication();
        services.AddSaasMediator();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _scope = _provider.CreateScope();
        _sender = _scope.ServiceProvider.GetRequiredService<ISender>();

        // Both ways must price the same.
        var direct = RulesDirectTotal();
        var mediated = ViaMediatorTotal();
        if (direct != mediated) throw new InvalidOperationException($"Direct rules total {direct} != Mediator total {mediated}.");
        Console.WriteLine($"// {Charges} charges, total HT {direct:0.00} €, {_inputs.Count(i => Price(i).SetAsideReason is not null)} set aside");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope?.Dispose();
        _provider?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Charges)]
    public decimal RulesDirect() => RulesDirectTotal();

    [Benchmark(OperationsPerInvoke = Charges)]
    public decimal ViaMediator() => ViaMediatorTotal();

    private decimal RulesDirectTotal()
    {
        var total = 0m;
        foreach (var input in _inputs) total += Price(input).TotalHt;
        return total;
    }

    private decimal ViaMediatorTotal()
    {
        var total = 0m;
        var sender = _sender!;
        foreach (var input in _inputs)
        {
            var pending = sender.Send(new PriceCharge(input));
            var result = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            total += result.TotalHt;
        }
        return total;
    }

    /// <summary>What ChargeRule.Handle and PriceChargeHandler do, without Mediator.</summary>
    private ChargeResult Price(ChargeInput input)
    {
        var sheet = new ChargeSheet();
        foreach (var rule in _rules)
            if (!sheet.IsSetAside) rule.Apply(input, sheet);
        return sheet.SetAsideReason is { } reason ? new ChargeResult([], reason) : new ChargeResult(sheet.Lines, null);
    }
}

/// <summary>
/// Charges for the pipeline benchmark: the real catalogue (seeded by CatalogueSeeder from data/catalogue.json into
/// a throw-away SQLite file, then read back), synthetic tenants (EPCI and their communes, members and non-members,
/// populations from 50 to 300 000 so that per-inhabitant floors and caps both apply) and the subscriptions of
/// <see cref="BenchData"/>; period 2025, January to December, nothing billed before.
/// </summary>
public static class ChargeInputs
{
    public static ChargeInput[] Build(int count, int seed)
    {
        var catalogue = LoadCatalogue();
        var data = new BenchData(seed);
        var faker = new Faker("fr");
        var tenants = new List<Tenant>();
        var sirens = new HashSet<string>();
        var epciCount = Math.Max(4, count / 40); // 11 tenants of about 5 subscriptions each per EPCI
        for (var e = 0; e < epciCount; e++)
        {
            var epci = Tenant.Create(TenantKind.CommunauteCommunes, $"CC {faker.Address.City()}", NewSiren(faker, sirens));
            epci.RecordPopulation(2023, faker.Random.Int(5_000, 300_000));
            tenants.Add(epci);
            for (var c = 0; c < 10; c++)
            {
                var commune = Tenant.Create(TenantKind.Commune, faker.Address.City(), NewSiren(faker, sirens), faker.Random.Replace("#####"));
                // Log-uniform 50..150 000: most communes are small (floor), a few are large (cap).
                commune.RecordPopulation(2023, (int)Math.Round(Math.Exp(faker.Random.Double(Math.Log(50), Math.Log(150_000)))));
                commune.AttachToEpci(epci);
                tenants.Add(commune);
            }
        }
        data.MarkMembers(tenants);

        var period = BillingPeriod.Containing(new DateOnly(2025, 1, 1), BillingAlignment.CalendarYear);
        var byId = tenants.ToDictionary(t => t.Id);
        var items = catalogue.ToDictionary(i => i.Id);
        var offers = catalogue.SelectMany(i => i.Offers).ToDictionary(o => o.Id);
        var inputs = data.Subscriptions(tenants, catalogue)
            .Where(s => s.StartDate <= period.End && (s.TerminationDate is null || s.TerminationDate >= period.Start))
            .Select(s =>
            {
                var tenant = byId[s.TenantId];
                var parent = tenant.ParentEpciId is { } id ? byId[id] : null;
                return new ChargeInput(tenant, parent, items[s.CatalogueItemId], offers[s.OfferId], s, period,
                    period.Start, new DateOnly(2025, 12, 1), AlreadyBilled.Nothing);
            })
            .ToArray();
        if (inputs.Length < count) throw new InvalidOperationException($"Only {inputs.Length} charges generated, {count} wanted.");
        return inputs[..count];
    }

    private static Siren NewSiren(Faker faker, HashSet<string> used)
    {
        while (true)
        {
            var digits = faker.Random.Replace("2########")[..8];
            for (var check = 0; check <= 9; check++)
            {
                var candidate = digits + check;
                if (Siren.IsValid(candidate) && used.Add(candidate)) return Siren.Parse(candidate);
            }
        }
    }

    private static List<CatalogueItem> LoadCatalogue()
    {
        var folder = Directory.CreateTempSubdirectory("sn-bench-catalogue-");
        try
        {
            using var host = BenchHost.Build("Sqlite", $"Data Source={Path.Combine(folder.FullName, "catalogue.db")};Pooling=False", folder.FullName);
            host.Services.InitializeDatabaseAsync().GetAwaiter().GetResult();
            using var scope = host.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseHost();
            var db = scope.ServiceProvider.GetRequiredService<ISaasDbContext>();
            return db.CatalogueItems.AsNoTracking().Include(i => i.Offers).ThenInclude(o => o.Versions).ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
