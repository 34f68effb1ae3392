using Mediator;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges;

/// <summary>
/// The billing pipeline's message: price one charge, i.e. one subscription over a range of months of a
/// billing period. The rules (Rules/, in the order of <see cref="ChargeRules.InOrder"/>, which
/// Web/MediatorConfiguration.cs registers) fill in <see cref="Sheet"/> one after the other before the handler
/// turns it into invoice lines: eligibility → price list → tariff version → quantity → proration → first-year
/// gratuity → setup fee → floor/cap → VAT → rounding. Their arithmetic is the Domain's pricing strategies
/// (Domain/Catalogue/Pricing), the same as the catalogue price and the quote.
/// </summary>
[SentBy(Caller.Handler)]
public sealed class PriceCharge(ChargeInput input) : IRequest<ChargeResult>, IHighVolumeMessage
{
    public ChargeInput Input { get; } = input;

    /// <summary>The work in progress, written by the rules.</summary>
    public ChargeSheet Sheet { get; } = new();
}

/// <summary>What a charge is computed from. <paramref name="ParentEpci"/> is the tenant's EPCI (member prices of its communes).</summary>
public sealed record ChargeInput(
    Tenant Tenant,
    Tenant? ParentEpci,
    CatalogueItem Item,
    Offer Offer,
    Subscription Subscription,
    BillingPeriod Period,
    DateOnly FromMonth,
    DateOnly ToMonth,
    AlreadyBilled Billed,
    IReadOnlyDictionary<Guid, Tenant>? Epcis = null)
{
    /// <summary>
    /// Finds an EPCI by id: a commune's member prices depend on the EPCI it belonged to in the billed month (dated
    /// link), which may not be today's. Billing passes every tenant; without them only <see cref="ParentEpci"/> is known.
    /// </summary>
    public Func<Guid, Tenant?> EpciById => Epcis is { } all ? MemberPricing.Lookup(all) : MemberPricing.Lookup(Tenant, ParentEpci);
}

/// <summary>
/// What issued invoices (net of credit notes) already billed for the subscription: units per month of this
/// period, and setup-fee blocks since the start. A run bills only the difference.
/// </summary>
public sealed record AlreadyBilled(IReadOnlyDictionary<DateOnly, int> UnitsByMonth, int SetupBlocks)
{
    public static readonly AlreadyBilled Nothing = new(new Dictionary<DateOnly, int>(), 0);

    public int UnitsIn(DateOnly month) => UnitsByMonth.TryGetValue(month, out var units) ? units : 0;
}

/// <summary>The result: rounded lines ready for the invoice, or the reason the charge was set aside.</summary>
public sealed record ChargeResult(IReadOnlyList<ChargeLine> Lines, string? SetAsideReason)
{
    public decimal TotalHt => Lines.Sum(l => l.AmountHt);
}

/// <summary>Turns the sheet the rules filled in into the charge's result.</summary>
public sealed class PriceChargeHandler : IRequestHandler<PriceCharge, ChargeResult>
{
    public ValueTask<ChargeResult> Handle(PriceCharge request, CancellationToken cancellationToken)
    {
        var sheet = request.Sheet;
        return ValueTask.FromResult(sheet.SetAsideReason is { } reason
            ? new ChargeResult([], reason)
            : new ChargeResult(sheet.Lines, null));
    }
}
