using System.Globalization;
using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Invoicing;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>Rule 10: every line is rounded to the cent, half away from zero (never to even).</summary>
public class RoundingRuleTests
{
    private static ChargeSheet Apply(params decimal[] amounts)
    {
        var item = CoffreFort();
        var version = VersionOf(item, D(2026, 1, 1));
        var sheet = new ChargeSheet();
        foreach (var amount in amounts) sheet.Lines.Add(Line(ChargeLineKind.Service, version, amount));
        new RoundingRule().Apply(Subscribe(Abbeville(), item, 10, D(2025, 1, 1)).For(2026), sheet);
        return sheet;
    }

    private static decimal Dec(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0.005", "0.01")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("0.025", "0.03")]   // to even would give 0.02
    [InlineData("-0.025", "-0.03")]
    [InlineData("0.0049", "0.00")]
    [InlineData("102.083333", "102.08")]
    [InlineData("262.50", "262.50")]
    [InlineData("1623.6375", "1623.64")]
    public void Each_line_is_rounded_to_the_cent_half_away_from_zero(string amount, string rounded)
    {
        Assert.Equal(Dec(rounded), Assert.Single(Apply(Dec(amount)).Lines).AmountHt);
    }

    [Fact]
    public void Ten_vaults_for_ten_months_round_to_291_67()
    {
        // 35.00 × 10 × 10 / 12 = 291.6666…
        var amount = 35.00m * 10 * 10 / 12m;

        Assert.Equal(291.67m, Assert.Single(Apply(amount).Lines).AmountHt);
    }

    [Fact]
    public void Every_line_is_rounded_on_its_own_including_negative_ones()
    {
        var sheet = Apply(35.00m * 10 * 7 / 12m, -(35.00m * 10 * 7 / 12m), 14.505m);

        // 204.1666… → 204.17; the gratuity -204.1666… → -204.17; 14.505 → 14.51.
        Assert.Equal([204.17m, -204.17m, 14.51m], sheet.Lines.Select(l => l.AmountHt));
    }
}
