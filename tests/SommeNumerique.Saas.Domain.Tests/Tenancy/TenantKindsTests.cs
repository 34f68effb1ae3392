using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

public class TenantKindsTests
{
    [Theory]
    [InlineData(TenantKind.CommunauteAgglomeration)]
    [InlineData(TenantKind.CommunauteCommunes)]
    [InlineData(TenantKind.CommunauteUrbaine)]
    [InlineData(TenantKind.Metropole)]
    public void Communautes_and_metropoles_are_EPCI(TenantKind kind) => Assert.True(kind.IsEpci());

    [Theory]
    [InlineData(TenantKind.Departement)]
    [InlineData(TenantKind.Commune)]
    [InlineData(TenantKind.EtablissementPublic)]
    public void Departement_commune_and_other_public_bodies_are_not_EPCI(TenantKind kind) => Assert.False(kind.IsEpci());

    [Theory]
    [InlineData(TenantKind.Departement, "Département")]
    [InlineData(TenantKind.CommunauteAgglomeration, "Communauté d'agglomération")]
    [InlineData(TenantKind.CommunauteCommunes, "Communauté de communes")]
    [InlineData(TenantKind.Commune, "Commune")]
    [InlineData(TenantKind.EtablissementPublic, "Établissement public")]
    public void The_label_is_the_French_name_of_the_kind(TenantKind kind, string label) => Assert.Equal(label, kind.Label());

    [Fact]
    public void Every_kind_has_its_own_label()
    {
        var labels = Enum.GetValues<TenantKind>().Select(k => k.Label()).ToList();

        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.DoesNotContain(labels, string.IsNullOrWhiteSpace);
    }

    [Fact]
    public void An_undefined_kind_is_labelled_by_its_number() => Assert.Equal("99", ((TenantKind)99).Label());
}
