using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue.Pricing;

/// <summary>Twelfths: a month is due annual × months / 12, rounded only on the invoice line.</summary>
public class MonthlyShareTests
{
    [Fact]
    public void Twelve_months_are_the_annual_amount()
    {
        Assert.Equal(350.00m, Money.Round(MonthlyShare.Of(350.00m, 12)));
        Assert.Equal(350.00m, MonthlyShare.Of(350.00m, 12));
    }

    [Fact]
    public void A_share_is_not_rounded()
    {
        Assert.Equal(350.00m / 12m, MonthlyShare.Of(350.00m, 1));
        Assert.Equal(102.08m, Money.Round(MonthlyShare.Of(175.00m, 7))); // 5 vaults × 35.00, 7 months = 102.0833…
    }

    [Fact]
    public void Half_a_year_of_a_floor_difference()
    {
        Assert.Equal(23.60m, MonthlyShare.Of(47.20m, 6));
    }
}
