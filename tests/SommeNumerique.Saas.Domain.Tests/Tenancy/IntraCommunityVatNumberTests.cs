using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

public class IntraCommunityVatNumberTests
{
    [Theory]
    [InlineData("258004365", "FR55258004365")] // Somme Numérique (seeds 002/003)
    [InlineData("258 004 365", "FR55258004365")]
    [InlineData("200070993", "FR77200070993")] // 200070993 mod 97 = 54: (12 + 162) mod 97 = 77
    public void The_key_is_12_plus_3_times_the_siren_mod_97_mod_97(string siren, string expected)
    {
        var parsed = Siren.Parse(siren);
        var key = (12 + 3 * (long.Parse(parsed.Value) % 97)) % 97;

        Assert.Equal($"FR{key:00}{parsed.Value}", IntraCommunityVatNumber.FromSiren(parsed));
        Assert.Equal(expected, IntraCommunityVatNumber.FromSiren(parsed));
    }

    [Fact]
    public void The_syndicate_s_vat_number_follows_from_its_siren()
    {
        Assert.Equal("258004365", SyndicateIdentity.Siren);
        Assert.True(Siren.IsValid(SyndicateIdentity.Siren));
        Assert.Equal("FR55258004365", SyndicateIdentity.VatNumber);
        Assert.True(IntraCommunityVatNumber.IsOf("FR 55 258004365", Siren.Parse("258 004 365")));
        Assert.False(IntraCommunityVatNumber.IsOf("FR56258004365", Siren.Parse("258004365")));
    }

    [Fact]
    public void A_small_key_keeps_its_leading_zero()
    {
        // 000000034 is not a Luhn-valid SIREN: find one whose key is below 10 among valid ones.
        var siren = Enumerable.Range(100_000_000, 2_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(s => Siren.IsValid(s) && (12 + 3 * (long.Parse(s) % 97)) % 97 < 10);

        var vat = IntraCommunityVatNumber.FromSiren(Siren.Parse(siren));

        Assert.Equal(13, vat.Length);
        Assert.Equal('0', vat[2]);
    }
}
