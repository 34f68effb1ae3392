using SommeNumerique.Saas.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>Computes every tenant's bill of a period and records the preview rows of a run.</summary>
public sealed class BillingRunPreview(ISaasDbContext db, TenantBillCalculator calculator)
{
    public async Task<IReadOnlyList<TenantBill>> ComputeAsync(BillingPeriod period, BillingAlignment alignment, CancellationToken ct)
    {
        var data = await BillingData.LoadAsync(db, period, alignment, ct);
        return await ComputeAsync(data, data.BillableTenants(), ct);
    }

    public async Task<IReadOnlyList<TenantBill>> ComputeAsync(BillingData data, IEnumerable<Domain.Tenancy.Tenant> tenants, CancellationToken ct)
    {
        var bills = new List<TenantBill>();
        foreach (var tenant in tenants)
        {
            var bill = await calculator.ComputeAsync(data, tenant, ct);
            if (bill.HasInvoice || bill.SetAside.Count > 0) bills.Add(bill);
        }
        return bills;
    }

    public void Record(BillingRun run, IReadOnlyList<TenantBill> bills)
    {
        foreach (var bill in bills)
            db.BillingRunTenants.Add(new BillingRunTenant(run.Id, bill.Tenant.Id, bill.Tenant.Name, bill.Lines.Count,
                bill.TotalHt, bill.TotalVat, bill.TotalTtc, bill.Fingerprint(),
                bill.SetAside.Count == 0 ? null : TextValues.Truncate(string.Join(" ", bill.SetAside), 4000)));
        var invoiced = bills.Where(b => b.HasInvoice).ToList();
        run.RecordPreview(bills.Count, invoiced.Count, invoiced.Sum(b => b.TotalHt), invoiced.Sum(b => b.TotalTtc));
    }

    /// <summary>
    /// Applies <see cref="BillingRun.EndIfChangedSincePreview"/> to the run's tenants not issued yet and the bills
    /// computed now; saves when it ended the run. Returns the number of tenants whose bill changed (0: go on).
    /// </summary>
    public async Task<int> EndIfChangedSincePreviewAsync(BillingRun run, IReadOnlyList<TenantBill> billsNow, DateTimeOffset at, CancellationToken ct)
    {
        var notIssued = await db.BillingRunTenants.Where(t => t.RunId == run.Id && t.Status == BillingRunTenantStatus.Pending).ToListAsync(ct);
        var changed = run.EndIfChangedSincePreview(notIssued, billsNow.ToDictionary(b => b.Tenant.Id, b => b.Fingerprint()), at);
        if (changed > 0) await db.SaveChangesAsync(ct);
        return changed;
    }

}
