using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>
/// Everything a billing run of one period reads, loaded once (no query per tenant): the catalogue, the
/// tenants, the subscriptions in service during the period, and what issued invoices and credit notes
/// already billed for them. Read without tracking, in the host context.
/// </summary>
public sealed class BillingData
{
    private BillingData() { }

    public required BillingPeriod Period { get; init; }
    public required BillingAlignment Alignment { get; init; }
    public required IReadOnlyDictionary<Guid, Tenant> Tenants { get; init; }
    public required IReadOnlyDictionary<Guid, CatalogueItem> Items { get; init; }
    public required IReadOnlyDictionary<Guid, Offer> Offers { get; init; }
    public required IReadOnlyDictionary<Guid, List<Subscription>> SubscriptionsByTenant { get; init; }
    public required IReadOnlyDictionary<Guid, AlreadyBilled> Billed { get; init; }

    /// <summary>Tenants with something to bill, in a fixed order (name, then id): numbers follow it, run after run.</summary>
    public IReadOnlyList<Tenant> BillableTenants() =>
        SubscriptionsByTenant.Keys.Select(id => Tenants[id])
            .OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id).ToList();

    public static async Task<BillingData> LoadAsync(ISaasDbContext db, BillingPeriod period, BillingAlignment alignment, CancellationToken ct)
    {
        var items = await db.CatalogueItems.AsNoTracking()
            .Include(i => i.Offers).ThenInclude(o => o.Versions)
            .ToDictionaryAsync(i => i.Id, ct);
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.BillingAlignment == alignment && s.StartDate <= period.End
                && (s.TerminationDate == null || s.TerminationDate >= period.Start))
            .ToListAsync(ct);
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);

        return new BillingData
        {
            Period = period,
            Alignment = alignment,
            Tenants = tenants,
            Items = items,
            Offers = items.Values.SelectMany(i => i.Offers).ToDictionary(o => o.Id),
            SubscriptionsByTenant = subscriptions.GroupBy(s => s.TenantId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.StartDate).ThenBy(s => s.Id).ToList()),
            Billed = await AlreadyBilledAsync(db, period, ct),
        };
    }

    /// <summary>
    /// Units billed per subscription and month of the period, and setup blocks ever billed, net of credit
    /// notes (a credited line can be billed again).
    /// </summary>
    private static async Task<Dictionary<Guid, AlreadyBilled>> AlreadyBilledAsync(ISaasDbContext db, BillingPeriod period, CancellationToken ct)
    {
        // SelectMany with a result selector: an inner join that every provider translates (SQLite has no APPLY).
        var lines = await db.Invoices.AsNoTracking()
            .Where(i => i.Status != InvoiceStatus.Draft)
            .SelectMany(i => i.Lines, (i, l) => new { i.Kind, i.PeriodStart, Line = l })
            .Where(x => x.Line.SubscriptionId != null
                && ((x.Line.Kind == ChargeLineKind.Service && x.PeriodStart == period.Start) || x.Line.Kind == ChargeLineKind.SetupFee))
            .Select(x => new
            {
                Sign = x.Kind == InvoiceKind.CreditNote ? -1 : 1, x.Line.SubscriptionId, x.Line.Kind, x.Line.FromMonth, x.Line.ToMonth, x.Line.Units,
            })
            .ToListAsync(ct);

        var result = new Dictionary<Guid, AlreadyBilled>();
        foreach (var group in lines.GroupBy(l => l.SubscriptionId!.Value))
        {
            var units = new Dictionary<DateOnly, int>();
            var blocks = 0;
            foreach (var line in group)
            {
                if (line.Kind == ChargeLineKind.SetupFee)
                {
                    blocks += line.Sign * line.Units;
                    continue;
                }
                for (var month = line.FromMonth!.Value; month <= line.ToMonth!.Value; month = month.AddMonths(1))
                    units[month] = units.GetValueOrDefault(month) + line.Sign * line.Units;
            }
            result[group.Key] = new AlreadyBilled(units, blocks);
        }
        return result;
    }
}
