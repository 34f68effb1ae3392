namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

/// <summary>The identifiers public e-invoicing asks of a buyer: SIRET, Chorus Pro code service and engagement.</summary>
public sealed class TenantBuyerReferencesTests
{
    private static readonly string AbbevilleSiret = TestTenants.SiretOf(TestTenants.AbbevilleSiren);

    [Fact]
    public void A_siret_of_the_tenant_is_kept_without_spaces_with_the_chorus_references()
    {
        var abbeville = TestTenants.Abbeville();
        abbeville.SetPublicBuyerReferences($"{AbbevilleSiret[..9]} {AbbevilleSiret[9..]}", " FINANCES ", "EJ-17");
        Assert.Equal(AbbevilleSiret, abbeville.Siret);
        Assert.Equal("FINANCES", abbeville.ChorusServiceCode);
        Assert.Equal("EJ-17", abbeville.ChorusEngagementNumber);

        abbeville.SetPublicBuyerReferences(" ", null, "");
        Assert.Null(abbeville.Siret);
        Assert.Null(abbeville.ChorusServiceCode);
        Assert.Null(abbeville.ChorusEngagementNumber);
    }

    public static TheoryData<string> NotASiretOfAbbeville => new()
    {
        TestTenants.SiretOf(TestTenants.AmiensMetropoleSiren),                       // another body's SIRET
        AbbevilleSiret[..^1] + (char)('0' + (AbbevilleSiret[^1] - '0' + 1) % 10),     // wrong Luhn key
        AbbevilleSiret[..13],                                                        // 13 digits
        AbbevilleSiret[..10] + "A" + AbbevilleSiret[11..],                           // not digits
    };

    [Theory]
    [MemberData(nameof(NotASiretOfAbbeville))]
    public void A_siret_that_is_not_one_of_the_tenant_is_refused_and_changes_nothing(string siret)
    {
        var abbeville = TestTenants.Abbeville();
        abbeville.SetPublicBuyerReferences(AbbevilleSiret, "FINANCES", null);
        var error = Assert.ThrowsAny<DomainException>(() => abbeville.SetPublicBuyerReferences(siret, "AUTRE", null));
        Assert.Contains("SIRET", error.Message);
        Assert.Equal(AbbevilleSiret, abbeville.Siret);
        Assert.Equal("FINANCES", abbeville.ChorusServiceCode);
    }
}
