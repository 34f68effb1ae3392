using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

public class TenantEpciAndWorkstationsTests
{
    [Theory]
    [InlineData(TenantKind.CommunauteAgglomeration)]
    [InlineData(TenantKind.CommunauteCommunes)]
    [InlineData(TenantKind.CommunauteUrbaine)]
    [InlineData(TenantKind.Metropole)]
    public void A_commune_is_attached_to_an_EPCI(TenantKind epciKind)
    {
        var commune = TestTenants.Abbeville();
        var epci = TestTenants.OfKind(epciKind);

        commune.AttachToEpci(epci);

        Assert.Equal(epci.Id, commune.ParentEpciId);
    }

    [Fact]
    public void A_commune_moves_to_another_EPCI_by_being_attached_again()
    {
        var commune = TestTenants.Abbeville();
        var ternois = TestTenants.Ternois();
        commune.AttachToEpci(TestTenants.AmiensMetropole());

        commune.AttachToEpci(ternois);

        Assert.Equal(ternois.Id, commune.ParentEpciId);
    }

    [Theory]
    [InlineData(TenantKind.Commune)]
    [InlineData(TenantKind.Departement)]
    [InlineData(TenantKind.EtablissementPublic)]
    public void A_commune_is_attached_only_to_an_EPCI(TenantKind notAnEpci)
    {
        var commune = TestTenants.Abbeville();

        Assert.ThrowsAny<DomainException>(() => commune.AttachToEpci(TestTenants.OfKind(notAnEpci)));
        Assert.Null(commune.ParentEpciId);
    }

    [Theory]
    [InlineData(TenantKind.Departement)]
    [InlineData(TenantKind.CommunauteAgglomeration)]
    [InlineData(TenantKind.CommunauteCommunes)]
    [InlineData(TenantKind.EtablissementPublic)]
    public void Only_a_commune_is_attached_to_an_EPCI(TenantKind notACommune)
    {
        var tenant = TestTenants.OfKind(notACommune);

        Assert.ThrowsAny<DomainException>(() => tenant.AttachToEpci(TestTenants.Ternois()));
        Assert.Null(tenant.ParentEpciId);
    }

    [Fact]
    public void A_negative_workstation_count_is_refused_and_the_previous_one_kept()
    {
        var commune = TestTenants.Abbeville();
        commune.DeclareWorkstations(12);

        Assert.ThrowsAny<DomainException>(() => commune.DeclareWorkstations(-1));
        Assert.Equal(12, commune.DeclaredWorkstations);
    }

    [Fact]
    public void Zero_workstations_may_be_declared()
    {
        var commune = TestTenants.Abbeville();
        commune.DeclareWorkstations(12);

        commune.DeclareWorkstations(0);

        Assert.Equal(0, commune.DeclaredWorkstations);
    }
}
