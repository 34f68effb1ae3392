using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

public class LuhnTests
{
    [Theory]
    [InlineData("79927398713")]      // the textbook Luhn example
    [InlineData("73282932000074")]   // a SIRET (14 digits) from INSEE's documentation
    [InlineData("218000016")]
    [InlineData("0")]
    public void A_number_whose_Luhn_sum_is_a_multiple_of_ten_is_valid(string digits) => Assert.True(Luhn.IsValid(digits));

    [Theory]
    [InlineData("79927398710")]
    [InlineData("73282932000075")]
    [InlineData("218000061")]        // two digits swapped
    public void A_number_with_a_wrong_key_is_invalid(string digits) => Assert.False(Luhn.IsValid(digits));

    [Fact]
    public void An_empty_number_is_invalid() => Assert.False(Luhn.IsValid(string.Empty));

    [Theory]
    [InlineData("2180000 6")]
    [InlineData("21800001a")]
    [InlineData("/18000016")]        // '/' is just below '0'
    [InlineData(":18000016")]        // ':' is just above '9'
    public void A_non_digit_makes_the_number_invalid(string digits) => Assert.False(Luhn.IsValid(digits));
}
