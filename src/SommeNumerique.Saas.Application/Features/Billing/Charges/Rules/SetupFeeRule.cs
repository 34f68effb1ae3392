using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;
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
        var first = sheet.Months[0];
        var setup = SetupFeePricing.For(fee, first.PriceList, subscribed, input.Billed.SetupBlocks);
        if (setup.Blocks == 0) return;
        var blocks = setup.Blocks;
        sheet.Lines.Add(new ChargeLine
        {
            Kind = ChargeLineKind.SetupFee,
            Label = $"Frais de mise en service — {blocks} tranche{(blocks > 1 ? "s" : "")} de {fee.BlockSize} × {FrenchText.Euros(setup.UnitAmountHt)} HT ({BillingText.List(first.PriceList)})",
            Version = first.Version!,
            FromMonth = first.Month,
            ToMonth = first.Month,
            MonthCount = 1,
            Units = blocks,
            Quantity = blocks,
            UnitPriceHt = setup.UnitAmountHt,
            PriceList = first.PriceList,
            AmountHt = setup.AmountHt,
        });
    }
}
