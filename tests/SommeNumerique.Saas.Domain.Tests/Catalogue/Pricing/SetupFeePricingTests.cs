using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue.Pricing;

/// <summary>PACK-CYBER setup fee: 75 € HT (members) / 90 € HT (others) per started block of 7 workstations.</summary>
public class SetupFeePricingTests
{
    private static readonly SetupFee Fee = new(BlockSize: 7, MemberAmount: 75.00m, NonMemberAmount: 90.00m);

    [Theory]
    [InlineData(0, 0, 0.00)]
    [InlineData(1, 1, 75.00)]
    [InlineData(7, 1, 75.00)]
    [InlineData(8, 2, 150.00)]
    [InlineData(14, 2, 150.00)]
    [InlineData(15, 3, 225.00)]
    public void One_fee_per_started_block(int units, int blocks, double amount)
    {
        var setup = SetupFeePricing.For(Fee, PriceList.Member, units);

        Assert.Equal(new SetupFeePrice(blocks, 7, 75.00m, (decimal)amount), setup);
    }

    [Fact]
    public void Non_members_pay_the_non_member_fee()
    {
        Assert.Equal(new SetupFeePrice(2, 7, 90.00m, 180.00m), SetupFeePricing.For(Fee, PriceList.NonMember, 8));
    }

    [Theory]
    [InlineData(8, 1, 1)]  // 2 blocks started, 1 billed: 1 more
    [InlineData(8, 2, 0)]  // all billed
    [InlineData(7, 2, 0)]  // fewer units than billed blocks: never a negative fee
    public void Blocks_already_billed_are_not_billed_again(int units, int billed, int blocks)
    {
        var setup = SetupFeePricing.For(Fee, PriceList.Member, units, billed);

        Assert.Equal(blocks, setup.Blocks);
        Assert.Equal(blocks * 75.00m, setup.AmountHt);
    }
}
