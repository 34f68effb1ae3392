using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>
/// 7. Setup fee: one fee per started block of N units (7 workstations → 1 block, 8 → 2), for the blocks
/// not billed before for this subscription (adding units bills only the new blocks), at the price list of
/// the first billed month.
/// </summary>
public sealed class SetupFeeRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        if (sheet.Months.Count == 0 || sheet.Months[0].Version!.SetupFee is not { } fee) return;
        var subscription = input.Subscription;
        var subscribed = sheet.Months.Max(m => subscription.QuantityDueFor(m.Month));
        var blocks = fee.BlocksFor(subscribed) - input.Billed.SetupBlocks;
        if (blocks <= 0) return;
        var first = sheet.Months[0];
        var unit = fee.AmountFor(first.PriceList);
        sheet.Lines.Add(new ChargeLine
        {
            Kind = ChargeLineKind.SetupFee,
            Label = $"Frais de mise en service — {blocks} tranche{(blocks > 1 ? "s" : "")} de {fee.BlockSize} × {FrenchText.Euros(unit)} HT ({BillingText.List(first.PriceList)})",
            Version = first.Version!,
            FromMonth = first.Month,
            ToMonth = first.Month,
            MonthCount = 1,
            Units = blocks,
            Quantity = blocks,
            UnitPriceHt = unit,
            PriceList = first.PriceList,
            AmountHt = blocks * unit,
        });
    }
}
