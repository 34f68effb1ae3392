using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

public class SirenTests
{
    public static TheoryData<string> RealSirens => new()
    {
        "228000014", // Département de la Somme
        "218000016", // Abbeville
        "248000531", // CA Amiens Métropole
        "200069672", // CC du Ternois
    };

    [Theory]
    [MemberData(nameof(RealSirens))]
    public void A_real_SIREN_is_valid(string siren) => Assert.True(Siren.IsValid(siren));

    [Theory]
    [MemberData(nameof(RealSirens))]
    public void A_real_SIREN_with_its_check_digit_changed_is_invalid(string siren)
    {
        var last = siren[^1] - '0';
        var altered = siren[..^1] + (char)('0' + (last + 1) % 10);

        Assert.False(Siren.IsValid(altered));
        Assert.False(Siren.TryParse(altered, out _));
    }

    [Theory]
    [InlineData("21800001")]     // 8 digits
    [InlineData("2180000160")]   // 10 digits
    [InlineData("21800001A")]    // a letter
    [InlineData("ABCDEFGHI")]
    [InlineData("-21800001")]
    [InlineData("٢١٨٠٠٠٠١٦")]    // Arabic-Indic digits are not ASCII digits
    [InlineData("")]
    public void A_candidate_that_is_not_nine_digits_with_a_valid_key_is_invalid(string candidate)
    {
        Assert.False(Siren.IsValid(candidate));
        Assert.False(Siren.TryParse(candidate, out _));
    }

    [Fact]
    public void Null_is_not_a_SIREN()
    {
        Assert.False(Siren.IsValid(null));
        Assert.False(Siren.TryParse(null, out var siren));
        Assert.Equal(default, siren);
    }

    [Theory]
    [InlineData("218 000 016")]
    [InlineData(" 218000016 ")]
    public void TryParse_accepts_spaces_and_keeps_the_nine_digits(string written)
    {
        Assert.True(Siren.TryParse(written, out var siren));
        Assert.Equal("218000016", siren.Value);
    }

    [Fact]
    public void Parse_gives_the_same_SIREN_whatever_the_spacing()
    {
        Assert.Equal(Siren.Parse("218000016"), Siren.Parse("218 000 016"));
        Assert.NotEqual(Siren.Parse("218000016"), Siren.Parse("228000014"));
    }

    [Theory]
    [InlineData("218000017")]
    [InlineData("12345")]
    [InlineData("")]
    public void Parse_refuses_an_invalid_SIREN_with_a_French_message_naming_it(string candidate)
    {
        var error = Assert.Throws<FormatException>(() => Siren.Parse(candidate));

        Assert.Contains("n'est pas un SIREN valide", error.Message);
        Assert.Contains($"« {candidate} »", error.Message);
    }

    [Fact]
    public void An_unset_SIREN_prints_as_empty_text() => Assert.Equal(string.Empty, default(Siren).ToString());

    [Fact]
    public void A_SIREN_prints_as_its_nine_digits() => Assert.Equal("248000531", Siren.Parse("248 000 531").ToString());
}
