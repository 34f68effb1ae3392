using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SommeNumerique.Saas.Application.Features.Billing.Charges;

namespace SommeNumerique.Saas.Bench;

/// <summary>
/// Where a charge's time goes: the same charges as <see cref="PipelineBenchmarks"/>, priced by the first
/// <see cref="Rules"/> rules only (in pipeline order, without Mediator). The difference between two rows is the cost
/// of the rule added (1 = eligibility, 2 = price list, ... 10 = rounding).
/// </summary>
[Config(typeof(Config))]
public class RuleCostBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(20).WithId("InProcess"));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(StatisticColumn.OperationsPerSecond);
            HideColumns(Column.Job, Column.Toolchain, Column.Error);
        }
    }

    private ChargeInput[] _inputs = [];
    private ChargeRule[] _rules = [];

    [Params(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _inputs = ChargeInputs.Build(PipelineBenchmarks.Charges, seed: 2025);
        _rules = ChargeRules.Create()[..Rules];
    }

    [Benchmark(OperationsPerInvoke = PipelineBenchmarks.Charges)]
    public int FirstRules()
    {
        var lines = 0;
        foreach (var input in _inputs)
        {
            var sheet = new ChargeSheet();
            foreach (var rule in _rules)
                if (!sheet.IsSetAside) rule.Apply(input, sheet);
            lines += sheet.Lines.Count;
        }
        return lines;
    }
}
