namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>Runs whose issue must be processed in the background (Infrastructure: a channel read by a hosted worker).</summary>
public interface IBillingRunQueue
{
    ValueTask EnqueueAsync(Guid runId, CancellationToken cancellationToken);
}

/// <summary>
/// Called after each committed batch of an issue. The default does nothing; tests use it to interrupt a
/// run half-way (a crash) and check that resuming it ends with the same totals and no gap.
/// </summary>
public interface IBillingRunHooks
{
    ValueTask BatchCommittedAsync(Guid runId, int batchNumber, CancellationToken cancellationToken);
}

public sealed class NoBillingRunHooks : IBillingRunHooks
{
    public ValueTask BatchCommittedAsync(Guid runId, int batchNumber, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Configuration section <c>Billing</c>.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>Tenants per transaction when issuing (each batch commits its invoices, numbers and progress together).</summary>
    public int BatchSize { get; set; } = 500;
}
