using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>Rule 7: one setup fee per started block of N units, for the blocks not billed before.</summary>
public class SetupFeeRuleTests
{
    /// <summary>Applies the rule to January-December 2025 as the quantity rule leaves them.</summary>
    private static ChargeSheet Apply(Charge charge, PriceList list = PriceList.Member, AlreadyBilled? billed = null, DateOnly? firstMonth = null)
    {
        var version = VersionOf(charge.Item, D(2025, 1, 1));
        var sheet = Sheet(firstMonth ?? D(2025, 1, 1), D(2025, 12, 1), Priced(version, list, charge.Subscription.QuantityOn(D(2025, 12, 31))));
        new SetupFeeRule().Apply(charge.For(2025, billed), sheet);
        return sheet;
    }

    private static ChargeLine? SetupFee(ChargeSheet sheet) => sheet.Lines.SingleOrDefault(l => l.Kind == ChargeLineKind.SetupFee);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    [InlineData(14, 2)]
    [InlineData(15, 3)]
    public void One_fee_per_started_block_of_seven_workstations(int agents, int blocks)
    {
        var sheet = Apply(Subscribe(Abbeville(), PackCyber(), agents, D(2025, 1, 1)));

        var line = SetupFee(sheet)!;
        Assert.Equal((blocks, (decimal?)blocks, (decimal?)75.00m), (line.Units, line.Quantity, line.UnitPriceHt));
        Assert.Equal(blocks * 75.00m, line.AmountHt);
    }

    [Fact]
    public void Seven_workstations_make_one_block_with_a_readable_label()
    {
        var line = SetupFee(Apply(Subscribe(Abbeville(), PackCyber(), 7, D(2025, 1, 1))))!;

        Assert.Equal("Frais de mise en service — 1 tranche de 7 × 75,00 € HT (tarif membre)", line.Label);
        Assert.Equal(75.00m, line.AmountHt);
        Assert.Equal((D(2025, 1, 1), D(2025, 1, 1), 1), (line.FromMonth, line.ToMonth, line.MonthCount));
    }

    [Fact]
    public void Eight_workstations_make_two_blocks()
    {
        var line = SetupFee(Apply(Subscribe(Abbeville(), PackCyber(), 8, D(2025, 1, 1))))!;

        Assert.Equal("Frais de mise en service — 2 tranches de 7 × 75,00 € HT (tarif membre)", line.Label);
        Assert.Equal(150.00m, line.AmountHt);
    }

    [Fact]
    public void Blocks_already_billed_are_not_billed_again()
    {
        // 8 agents = 2 blocks, one of which an earlier invoice billed.
        var line = SetupFee(Apply(Subscribe(Abbeville(), PackCyber(), 8, D(2025, 1, 1)), billed: new AlreadyBilled(new Dictionary<DateOnly, int>(), 1)))!;

        Assert.Equal(1, line.Units);
        Assert.Equal(75.00m, line.AmountHt);
    }

    [Fact]
    public void No_fee_when_every_block_was_billed()
    {
        var sheet = Apply(Subscribe(Abbeville(), PackCyber(), 8, D(2025, 1, 1)), billed: new AlreadyBilled(new Dictionary<DateOnly, int>(), 2));

        Assert.Empty(sheet.Lines);
    }

    [Fact]
    public void Going_from_seven_to_eight_agents_bills_the_new_block_only()
    {
        var charge = Subscribe(Abbeville(), PackCyber(), 7, D(2025, 1, 1));
        charge.Subscription.ChangeQuantity(8, D(2025, 9, 1), Secretary, At);

        var line = SetupFee(Apply(charge, billed: new AlreadyBilled(new Dictionary<DateOnly, int>(), 1)))!;

        Assert.Equal(1, line.Units);
        Assert.Equal(75.00m, line.AmountHt);
    }

    [Fact]
    public void A_non_member_pays_the_non_member_fee()
    {
        var line = SetupFee(Apply(Subscribe(VitzSurAuthie(), PackCyber(), 8, D(2025, 1, 1)), PriceList.NonMember))!;

        Assert.Equal("Frais de mise en service — 2 tranches de 7 × 90,00 € HT (tarif non-membre)", line.Label);
        Assert.Equal(180.00m, line.AmountHt); // 2 × 90.00
        Assert.Equal(PriceList.NonMember, line.PriceList);
    }

    [Fact]
    public void The_fee_is_dated_on_the_first_billed_month()
    {
        var line = SetupFee(Apply(Subscribe(Abbeville(), PackCyber(), 8, D(2025, 4, 15)), firstMonth: D(2025, 4, 1)))!;

        Assert.Equal(D(2025, 4, 1), line.FromMonth);
    }

    [Fact]
    public void No_fee_for_a_tariff_without_setup_fee()
    {
        Assert.Empty(Apply(Subscribe(Abbeville(), CoffreFort(), 8, D(2025, 1, 1))).Lines);
    }

    [Fact]
    public void No_fee_when_no_month_is_left_to_bill()
    {
        var charge = Subscribe(Abbeville(), PackCyber(), 8, D(2025, 1, 1));
        var sheet = new ChargeSheet();

        new SetupFeeRule().Apply(charge.For(2025), sheet);

        Assert.Empty(sheet.Lines);
    }
}
