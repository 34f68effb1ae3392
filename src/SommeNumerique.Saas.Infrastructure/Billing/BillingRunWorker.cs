using System.Threading.Channels;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.Billing;

/// <summary>The runs waiting for their issue to be processed (in memory; the database keeps the truth).</summary>
public sealed class BillingRunQueue : IBillingRunQueue
{
    private readonly Channel<Guid> _runs = Channel.CreateUnbounded<Guid>();

    public ValueTask EnqueueAsync(Guid runId, CancellationToken cancellationToken) => _runs.Writer.WriteAsync(runId, cancellationToken);

    internal ChannelReader<Guid> Reader => _runs.Reader;
}

/// <summary>
/// Issues billing runs in the background, one at a time, each in its own scope acting as the syndicate
/// (host context). At start-up it takes up again the runs left "issuing" by a stopped or crashed process, and
/// abandons the previews left without rows (<see cref="RecoverBillingRuns"/>). A failed run stays "issuing":
/// issuing it again resumes it.
/// </summary>
public sealed partial class BillingRunWorker(BillingRunQueue queue, IServiceScopeFactory scopes, ILogger<BillingRunWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeInterruptedRunsAsync(stoppingToken);
        await foreach (var runId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().UseHost();
                var status = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessBillingRun.Request(runId), stoppingToken);
                LogProcessed(runId, status);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex, runId);
            }
        }
    }

    private async Task ResumeInterruptedRunsAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseHost();
            var interrupted = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RecoverBillingRuns.Request(), ct);
            foreach (var id in interrupted) await queue.EnqueueAsync(id, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogResumeFailed(ex); // e.g. the database is not migrated yet: runs are resumed when issued again
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing run {RunId} processed: {Status}")]
    private partial void LogProcessed(Guid runId, BillingRunStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Billing run {RunId} failed; it stays 'issuing' and resumes when issued again")]
    private partial void LogFailed(Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for interrupted billing runs at start-up")]
    private partial void LogResumeFailed(Exception exception);
}
