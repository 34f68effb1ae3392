using Mapster;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Tests.Features.Tenancy;

public class GetTenantMappingTests
{
    private static TypeAdapterConfig Config()
    {
        var config = new TypeAdapterConfig();
        config.Scan(typeof(SommeNumerique.Saas.Application.AssemblyMarker).Assembly);
        return config;
    }

    private static Tenant Abbeville()
    {
        var commune = Tenant.Create(TenantKind.Commune, "Abbeville", Siren.Parse("218 000 016"), "80001");
        commune.JoinSyndicate(new DateOnly(2019, 1, 1), "Délibération du 12/12/2018");
        commune.LeaveSyndicate(new DateOnly(2022, 12, 31));
        commune.JoinSyndicate(new DateOnly(2024, 7, 1), "Délibération du 20/06/2024");
        // Recorded newest first: the details list them by reference year.
        commune.RecordPopulation(2021, 22_800);
        commune.RecordPopulation(2019, 23_100);
        commune.DeclareWorkstations(14);
        return commune;
    }

    [Fact]
    public void A_tenant_maps_to_its_details_with_the_API_kind_code_and_French_label()
    {
        var tenant = Abbeville();

        var details = tenant.Adapt<GetTenant.TenantDetails>(Config());

        Assert.Equal(tenant.Id, details.Id);
        Assert.Equal("commune", details.Kind);
        Assert.Equal("Commune", details.KindLabel);
        Assert.Equal("Abbeville", details.Name);
        Assert.Equal("218000016", details.Siren);
        Assert.Equal("80001", details.InseeCode);
        Assert.Equal(14, details.DeclaredWorkstations);
    }

    [Fact]
    public void The_details_list_memberships_from_the_oldest()
    {
        var details = Abbeville().Adapt<GetTenant.TenantDetails>(Config());

        Assert.Equal(
            [
                new MembershipPeriod(new DateOnly(2019, 1, 1), new DateOnly(2022, 12, 31), "Délibération du 12/12/2018"),
                new MembershipPeriod(new DateOnly(2024, 7, 1), null, "Délibération du 20/06/2024"),
            ],
            details.Memberships);
    }

    [Fact]
    public void The_details_list_populations_by_reference_year()
    {
        var details = Abbeville().Adapt<GetTenant.TenantDetails>(Config());

        Assert.Equal([new PopulationRecord(2019, 23_100), new PopulationRecord(2021, 22_800)], details.Populations);
    }

    [Fact]
    public void The_fields_computed_by_the_handler_are_left_empty_by_the_map()
    {
        var epci = Tenant.Create(TenantKind.CommunauteAgglomeration, "Amiens Métropole", Siren.Parse("248000531"));
        var tenant = Abbeville();
        tenant.AttachToEpci(epci);

        var details = tenant.Adapt<GetTenant.TenantDetails>(Config());

        Assert.Equal(epci.Id, details.ParentEpciId);
        Assert.Null(details.ParentEpciName);
        Assert.Null(details.MemberPricesToday);
    }

    [Fact]
    public void Billing_details_are_copied()
    {
        var tenant = Abbeville();
        var address = new PostalAddress("1 place de l'Hôtel de Ville", null, "80100", "Abbeville");
        var contact = new BillingContact("Secrétariat de mairie", "mairie@example.fr", null);
        tenant.SetBillingDetails(address, contact);

        var details = tenant.Adapt<GetTenant.TenantDetails>(Config());

        Assert.Equal(address, details.BillingAddress);
        Assert.Equal(contact, details.BillingContact);
    }
}
