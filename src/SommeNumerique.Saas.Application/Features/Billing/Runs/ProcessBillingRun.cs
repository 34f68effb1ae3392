using SommeNumerique.Saas.Domain.Accounting;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>
/// Creates the invoices of a run being issued, batch by batch (background worker, host context). Each batch
/// of tenants is one transaction: its invoices, their numbers, the tenants marked done and the run's
/// progress are committed together. Interrupted at any point, it starts again from the tenants not done,
/// in the same order, so the totals and the numbering are those of an uninterrupted run. Each start first
/// compares what the tenants not done would be invoiced now with their preview: if it changed, the run ends
/// there (<see cref="BillingRun.EndIfChangedSincePreview"/>) instead of blocking its period.
/// </summary>
public static partial class ProcessBillingRun
{
    [SentBy(Caller.System)]
    public sealed record Request(Guid RunId) : IRequest<BillingRunStatus>;

    public sealed partial class Handler(
        ISaasDbContext db, BillingRunPreview preview, IBillingRunHooks hooks, IOptions<BillingOptions> options,
        TimeProvider clock, ILogger<Handler> logger) : IRequestHandler<Request, BillingRunStatus>
    {
        public async ValueTask<BillingRunStatus> Handle(Request request, CancellationToken cancellationToken)
        {
            var run = await db.BillingRuns.SingleAsync(r => r.Id == request.RunId, cancellationToken);
            if (run.Status != BillingRunStatus.Issuing) return run.Status;

            var pending = await db.BillingRunTenants.AsNoTracking()
                .Where(t => t.RunId == run.Id && t.Status == BillingRunTenantStatus.Pending)
                .Select(t => t.TenantId).ToListAsync(cancellationToken);
            var data = await BillingData.LoadAsync(db, run.Period, run.Alignment, cancellationToken);
            var tenants = pending.Select(id => data.Tenants[id])
                .OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id).ToList();
            var bills = await preview.ComputeAsync(data, tenants, cancellationToken);
            var changed = await preview.EndIfChangedSincePreviewAsync(run, bills, clock.GetUtcNow(), cancellationToken);
            db.ChangeTracker.Clear();
            if (changed > 0)
            {
                LogEndedChanged(run.Id, changed);
                return BillingRunStatus.Issued;
            }

            var byTenant = bills.ToDictionary(b => b.Tenant.Id);
            var batchSize = Math.Max(1, options.Value.BatchSize);
            var batchNumber = 0;
            foreach (var batch in tenants.Chunk(batchSize))
            {
                await CommitBatchAsync(run.Id, batch.Select(t => (t.Id, byTenant[t.Id])).ToList(), cancellationToken);
                LogBatch(run.Id, ++batchNumber, batch.Length);
                await hooks.BatchCommittedAsync(run.Id, batchNumber, cancellationToken);
            }

            var done = await db.BillingRuns.SingleAsync(r => r.Id == run.Id, cancellationToken);
            done.Complete(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return done.Status;
        }

        private async Task CommitBatchAsync(Guid runId, IReadOnlyList<(Guid TenantId, TenantBill Bill)> batch, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            var run = await db.BillingRuns.SingleAsync(r => r.Id == runId, ct);
            var ids = batch.Select(b => b.TenantId).ToList();
            var rows = await db.BillingRunTenants.Where(t => t.RunId == runId && ids.Contains(t.TenantId)).ToDictionaryAsync(t => t.TenantId, ct);
            var invoices = new List<Invoice>();
            foreach (var (tenantId, bill) in batch)
            {
                Invoice? invoice = null;
                if (bill.HasInvoice)
                {
                    invoice = Invoice.Draft(tenantId, Budget.Annexe, InvoiceBuyer.From(bill.Tenant), run.PeriodStart, run.PeriodEnd, bill.Lines, runId, now);
                    invoices.Add(invoice);
                    db.Invoices.Add(invoice);
                }
                rows[tenantId].MarkIssued(invoice?.Id);
            }
            await InvoiceNumbers.IssueAsync(db, invoices, DateOnly.FromDateTime(now.UtcDateTime), ct);
            run.RecordBatch(batch.Count, invoices.Count, invoices.Sum(i => i.TotalHt), invoices.Sum(i => i.TotalTtc));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Billing run {RunId}: batch {Batch} committed ({Tenants} tenants)")]
        private partial void LogBatch(Guid runId, int batch, int tenants);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Billing run {RunId} ended: billing of {Changed} tenants changed since the preview; the tenants not issued are marked so")]
        private partial void LogEndedChanged(Guid runId, int changed);
    }
}
