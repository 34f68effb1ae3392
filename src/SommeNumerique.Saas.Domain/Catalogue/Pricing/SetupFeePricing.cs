namespace SommeNumerique.Saas.Domain.Catalogue.Pricing;

/// <summary>A setup fee: the blocks to bill, the fee of one block on the price list and the amount HT (blocks × fee).</summary>
public readonly record struct SetupFeePrice(int Blocks, int BlockSize, decimal UnitAmountHt, decimal AmountHt);

/// <summary>One-off setup fee per started block of units (75 € HT per block of 7 workstations: 7 → 1 block, 8 → 2).</summary>
public static class SetupFeePricing
{
    /// <summary>The fee of the blocks <paramref name="units"/> start, less <paramref name="blocksAlreadyBilled"/> (never below 0 blocks).</summary>
    public static SetupFeePrice For(SetupFee fee, PriceList list, int units, int blocksAlreadyBilled = 0)
    {
        var blocks = Math.Max(0, fee.BlocksFor(units) - blocksAlreadyBilled);
        var unit = fee.AmountFor(list);
        return new SetupFeePrice(blocks, fee.BlockSize, unit, Money.Round(blocks * unit));
    }
}
