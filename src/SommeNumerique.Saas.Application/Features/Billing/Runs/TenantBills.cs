using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mediator;
using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>What one tenant will be invoiced for the period: the lines (rounded), totals, and charges set aside.</summary>
public sealed record TenantBill(Tenant Tenant, IReadOnlyList<InvoiceLine> Lines, IReadOnlyList<string> SetAside)
{
    // Computed once: a run reads each bill's totals several times (preview rows, run totals).
    public decimal TotalHt { get; } = Lines.Sum(l => l.AmountHt);
    public decimal TotalVat { get; } = InvoiceTotals.VatByRate(Lines).Sum(v => v.Vat);
    public decimal TotalTtc => TotalHt + TotalVat;
    public bool HasInvoice => Lines.Count > 0;

    /// <summary>
    /// A digest of the lines: the preview stores it, the issue recomputes it and refuses to issue anything
    /// other than what was previewed.
    /// </summary>
    public string Fingerprint()
    {
        // Culture-invariant: the preview is computed in a web request (French culture), the issue in the worker.
        var text = new StringBuilder();
        foreach (var l in Lines)
            text.Append(CultureInfo.InvariantCulture,
                $"{l.SubscriptionId}|{(int)l.Kind}|{l.FromMonth:yyyy-MM-dd}|{l.ToMonth:yyyy-MM-dd}|{l.Units}|{l.AmountHt:0.00}|{l.VatRate:0.0000}|{l.Label}\n");
        foreach (var reason in SetAside) text.Append(reason).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 16);
    }
}

/// <summary>
/// Prices every subscription of a tenant for the run's period through the billing pipeline (one
/// <see cref="PriceCharge"/> per subscription) and gathers the lines of its invoice.
/// </summary>
public sealed class TenantBillCalculator(ISender sender)
{
    public async ValueTask<TenantBill> ComputeAsync(BillingData data, Tenant tenant, CancellationToken ct)
    {
        var lines = new List<InvoiceLine>();
        var setAside = new List<string>();
        var parentEpci = tenant.ParentEpciId is { } epciId ? data.Tenants.GetValueOrDefault(epciId) : null;
        var firstMonth = data.Period.Start;
        var lastMonth = new DateOnly(data.Period.End.Year, data.Period.End.Month, 1);

        foreach (var subscription in data.SubscriptionsByTenant.GetValueOrDefault(tenant.Id) ?? [])
        {
            var item = data.Items[subscription.CatalogueItemId];
            var offer = data.Offers[subscription.OfferId];
            var input = new ChargeInput(tenant, parentEpci, item, offer, subscription, data.Period, firstMonth, lastMonth,
                data.Billed.GetValueOrDefault(subscription.Id) ?? AlreadyBilled.Nothing, data.Tenants);
            var result = await sender.Send(new PriceCharge(input), ct);
            if (result.SetAsideReason is { } reason) setAside.Add(reason);
            foreach (var line in result.Lines)
                lines.Add(ToInvoiceLine(line, lines.Count + 1, item, offer, subscription.Id));
        }
        return new TenantBill(tenant, lines, setAside);
    }

    private static InvoiceLine ToInvoiceLine(ChargeLine line, int position, CatalogueItem item, Offer offer, Guid subscriptionId) => new()
    {
        Position = position,
        Kind = line.Kind,
        Label = line.Label,
        SubscriptionId = subscriptionId,
        ItemCode = item.Code,
        OfferCode = offer.Code,
        NatureAccount = item.NatureAccount,
        FromMonth = line.FromMonth,
        ToMonth = line.ToMonth,
        Units = line.Units,
        Quantity = line.Quantity,
        UnitPriceHt = line.UnitPriceHt,
        VatCategory = line.VatCategory,
        VatRate = line.VatRate,
        AmountHt = line.AmountHt,
    };
}
