namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

/// <summary>The identifiers public e-invoicing asks of a buyer: SIRET, Chorus Pro code service and engagement.</summary>
public sealed class TenantBuyerReferencesTests
{
    [Fact]
    public void A_siret_starting_with_the_siren_is_kept_without_spaces_with_the_chorus_references()
    {
        var abbeville = TestTenants.Abbeville();
        abbeville.SetPublicBuyerReferences($"{TestTenants.AbbevilleSiren} 00013", " FINANCES ", "EJ-17");
        Assert.Equal($"{TestTenants.AbbevilleSiren}00013", abbeville.Siret);
        Assert.Equal("FINANCES", abbeville.ChorusServiceCode);
        Assert.Equal("EJ-17", abbeville.ChorusEngagementNumber);

        abbeville.SetPublicBuyerReferences(" ", null, "");
        Assert.Null(abbeville.Siret);
        Assert.Null(abbeville.ChorusServiceCode);
        Assert.Null(abbeville.ChorusEngagementNumber);
    }

    [Theory]
    [InlineData("21800269900012")] // another commune's SIRET
    [InlineData("2180000160001")]  // 13 digits
    [InlineData("21800001600A13")]
    public void A_siret_that_is_not_one_of_the_tenant_is_refused_and_changes_nothing(string siret)
    {
        var abbeville = TestTenants.Abbeville();
        abbeville.SetPublicBuyerReferences($"{TestTenants.AbbevilleSiren}00013", "FINANCES", null);
        var error = Assert.Throws<DomainException>(() => abbeville.SetPublicBuyerReferences(siret, "AUTRE", null));
        Assert.Contains("SIRET", error.Message);
        Assert.Equal($"{TestTenants.AbbevilleSiren}00013", abbeville.Siret);
        Assert.Equal("FINANCES", abbeville.ChorusServiceCode);
    }
}
