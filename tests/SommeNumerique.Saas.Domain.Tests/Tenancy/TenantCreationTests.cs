using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

public class TenantCreationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_tenant_needs_a_name(string name)
    {
        var error = Assert.ThrowsAny<DomainException>(() =>
            Tenant.Create(TenantKind.CommunauteCommunes, name, Siren.Parse(TestTenants.TernoisSiren)));

        Assert.Equal("Le nom de la collectivité est obligatoire.", error.Message);
    }

    [Fact]
    public void A_tenant_needs_a_SIREN()
    {
        var error = Assert.ThrowsAny<DomainException>(() =>
            Tenant.Create(TenantKind.CommunauteCommunes, "CC du Ternois", default));

        Assert.Contains("SIREN", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_commune_needs_an_INSEE_code(string? inseeCode)
    {
        var error = Assert.ThrowsAny<DomainException>(() =>
            Tenant.Create(TenantKind.Commune, "Abbeville", Siren.Parse(TestTenants.AbbevilleSiren), inseeCode));

        Assert.Contains("code INSEE", error.Message);
    }

    [Theory]
    [InlineData(TenantKind.Departement)]
    [InlineData(TenantKind.CommunauteAgglomeration)]
    [InlineData(TenantKind.CommunauteCommunes)]
    [InlineData(TenantKind.EtablissementPublic)]
    public void A_tenant_other_than_a_commune_needs_no_INSEE_code(TenantKind kind)
    {
        var tenant = Tenant.Create(kind, "Collectivité", Siren.Parse(TestTenants.DepartementSiren));

        Assert.Null(tenant.InseeCode);
    }

    [Fact]
    public void The_name_is_trimmed() =>
        Assert.Equal("Abbeville", Tenant.Create(TenantKind.Commune, "  Abbeville ", Siren.Parse(TestTenants.AbbevilleSiren), "80001").Name);

    [Fact]
    public void Each_created_tenant_gets_its_own_identifier() =>
        Assert.NotEqual(TestTenants.Abbeville().Id, TestTenants.Abbeville().Id);

    [Fact]
    public void A_new_tenant_is_not_attached_nor_member_and_has_no_population()
    {
        var tenant = TestTenants.Abbeville();

        Assert.Null(tenant.ParentEpciId);
        Assert.Empty(tenant.Memberships);
        Assert.False(tenant.IsMemberOn(TestTenants.D(2025, 1, 1)));
        Assert.Null(tenant.PopulationFor(2025));
    }
}
