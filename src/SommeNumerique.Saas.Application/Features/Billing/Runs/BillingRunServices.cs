using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>Runs whose issue must be processed in the background (Infrastructure: a channel read by a hosted worker).</summary>
public interface IBillingRunQueue
{
    ValueTask EnqueueAsync(Guid runId, CancellationToken cancellationToken);
}

/// <summary>
/// Called at two points of a run where a process may die: a preview computed but not saved yet, and each committed
/// batch of an issue. The default (<see cref="BillingRunTestPause"/>) does nothing unless configured; tests use it
/// to interrupt a run half-way (a crash, a killed process) and check what the next start makes of it.
/// </summary>
public interface IBillingRunHooks
{
    ValueTask BatchCommittedAsync(Guid runId, int batchNumber, CancellationToken cancellationToken);

    ValueTask PreviewComputedAsync(Guid runId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>
/// Test only, off by default: with <c>Billing:TestPauseAt</c> set to <c>Preview</c> (every preview, once computed
/// and before it is saved) or <c>Batch:N</c> (an issue, after its N-th committed batch), the run waits there for
/// good and logs "Billing test pause: ...", so that a test can kill the process at that exact point.
/// </summary>
public sealed partial class BillingRunTestPause(IOptions<BillingOptions> options, ILogger<BillingRunTestPause> logger) : IBillingRunHooks
{
    public ValueTask BatchCommittedAsync(Guid runId, int batchNumber, CancellationToken cancellationToken) =>
        options.Value.TestPauseAt == $"Batch:{batchNumber}" ? PauseAsync($"after batch {batchNumber}", runId, cancellationToken) : ValueTask.CompletedTask;

    public ValueTask PreviewComputedAsync(Guid runId, CancellationToken cancellationToken) =>
        options.Value.TestPauseAt == "Preview" ? PauseAsync("preview", runId, cancellationToken) : ValueTask.CompletedTask;

    private async ValueTask PauseAsync(string where, Guid runId, CancellationToken cancellationToken)
    {
        LogPaused(where, runId);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing test pause: {Where} of run {RunId} (Billing:TestPauseAt), waiting for good")]
    private partial void LogPaused(string where, Guid runId);
}

/// <summary>Configuration section <c>Billing</c>.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>Tenants per transaction when issuing (each batch commits its invoices, numbers and progress together).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Test only, unset in every environment: see <see cref="BillingRunTestPause"/>.</summary>
    public string? TestPauseAt { get; set; }
}
