using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;
using static SommeNumerique.Saas.Domain.Tests.Tenancy.TestTenants;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

/// <summary>What staff record on a tenant: identity, dated memberships with their deliberation, dated EPCI links.</summary>
public class TenantRecordsKeptByStaffTests
{
    private static readonly Deliberation Joining = new("Conseil communautaire", D(2024, 6, 20), "Délibération n° 2024-45");
    private static readonly Deliberation Leaving = new("Comité syndical", D(2026, 11, 5), "Délibération n° 2026-12");

    [Fact]
    public void A_membership_keeps_the_deliberations_of_its_joining_and_leaving()
    {
        var epci = Ternois();
        epci.JoinSyndicate(D(2024, 7, 1), Joining.ToString(), Joining);
        epci.LeaveSyndicate(D(2026, 12, 31), Leaving);

        var period = epci.Memberships.Single();
        Assert.Equal((D(2024, 7, 1), (DateOnly?)D(2026, 12, 31)), (period.From, period.Until));
        Assert.Equal(Joining, period.JoinDeliberation);
        Assert.Equal(Leaving, period.LeaveDeliberation);
        Assert.True(epci.IsMemberOn(D(2026, 12, 31)));
        Assert.False(epci.IsMemberOn(D(2027, 1, 1)));
    }

    [Fact]
    public void An_overlapping_joining_is_refused_in_french_naming_the_date_field()
    {
        var epci = Ternois();
        epci.JoinSyndicate(D(2019, 1, 1), "Statuts", null);
        epci.LeaveSyndicate(D(2022, 12, 31));

        var error = Assert.Throws<FieldRuleException>(() => epci.JoinSyndicate(D(2022, 6, 1), Joining.ToString(), Joining));

        Assert.Equal("from", error.Field);
        Assert.Equal("CC du Ternois est membre jusqu'au 31/12/2022 : une adhésion au 01/06/2022 chevaucherait cette période.", error.Message);
        Assert.Single(epci.Memberships);
    }

    [Fact]
    public void Leaving_without_a_current_membership_is_refused_naming_the_last_day()
    {
        var error = Assert.Throws<FieldRuleException>(() => Ternois().LeaveSyndicate(D(2025, 1, 1), Leaving));
        Assert.Equal("lastDay", error.Field);
        Assert.Contains("n'est pas membre", error.Message);
    }

    [Fact]
    public void A_commune_changes_epci_on_a_date_and_keeps_the_former_link()
    {
        var commune = Abbeville();
        var former = Ternois();
        var next = AmiensMetropole();
        commune.AttachToEpci(former);

        commune.ChangeEpci(next, D(2025, 1, 1), "Arrêté préfectoral du 10/10/2024");

        Assert.Equal(next.Id, commune.ParentEpciId);
        Assert.Equal(former.Id, commune.EpciOn(D(2024, 12, 31)));
        Assert.Equal(next.Id, commune.EpciOn(D(2025, 1, 1)));
        Assert.Collection(commune.EpciLinks,
            l => Assert.Equal((DateOnly.MinValue, (DateOnly?)D(2024, 12, 31), former.Id), (l.From, l.Until, l.EpciId)),
            l => Assert.Equal((D(2025, 1, 1), (DateOnly?)null, next.Id, "Arrêté préfectoral du 10/10/2024"), (l.From, l.Until, l.EpciId, l.Reason)));
    }

    [Fact]
    public void An_epci_change_dated_before_the_latest_link_is_refused_and_changes_nothing()
    {
        var commune = Abbeville();
        commune.AttachToEpci(Ternois());
        commune.ChangeEpci(AmiensMetropole(), D(2025, 1, 1), "Fusion");
        var before = commune.EpciLinks.ToList();

        var error = Assert.Throws<FieldRuleException>(() => commune.ChangeEpci(Ternois(), D(2024, 6, 1), "Erreur"));

        Assert.Equal("from", error.Field);
        Assert.Equal(before, commune.EpciLinks);
    }

    [Fact]
    public void Only_a_commune_is_linked_to_an_epci_and_only_to_an_epci()
    {
        Assert.Equal("epciId", Assert.Throws<FieldRuleException>(() => Ternois().ChangeEpci(AmiensMetropole(), D(2025, 1, 1), "x")).Field);
        Assert.Equal("epciId", Assert.Throws<FieldRuleException>(() => Abbeville().ChangeEpci(Departement(), D(2025, 1, 1), "x")).Field);
        Assert.Equal("reason", Assert.Throws<FieldRuleException>(() => Abbeville().ChangeEpci(Ternois(), D(2025, 1, 1), " ")).Field);
    }

    [Fact]
    public void Member_prices_follow_the_epci_of_the_date_asked()
    {
        var member = AmiensMetropole();
        member.JoinSyndicate(D(2017, 1, 1), "Statuts");
        var nonMember = Ternois();
        var commune = Abbeville();
        commune.AttachToEpci(nonMember);
        commune.ChangeEpci(member, D(2025, 7, 1), "Arrêté préfectoral");
        var epcis = new Dictionary<Guid, Tenant> { [member.Id] = member, [nonMember.Id] = nonMember };

        var june = MemberPricing.OnDate(D(2025, 6, 1), commune, MemberPricing.Lookup(epcis));
        var july = MemberPricing.OnDate(D(2025, 7, 1), commune, MemberPricing.Lookup(epcis));

        Assert.False(june.MemberPrices);
        Assert.Contains("CC du Ternois", june.Reason);
        Assert.True(july.MemberPrices);
        Assert.Contains("Amiens Métropole", july.Reason);
        Assert.False(MemberPricing.AppliesOn(D(2025, 6, 1), commune, MemberPricing.Lookup(epcis)));
        Assert.True(MemberPricing.AppliesOn(D(2025, 7, 1), commune, MemberPricing.Lookup(epcis)));
    }

    [Theory]
    [InlineData(TenantKind.Ccas, "80001")]
    [InlineData(TenantKind.Sivu, null)]
    [InlineData(TenantKind.Syndicat, null)]
    [InlineData(TenantKind.Sdis, null)]
    public void Staff_create_the_bodies_that_are_not_in_the_national_files(TenantKind kind, string? insee)
    {
        var tenant = Tenant.Create(kind, "  Établissement  ", Siren.Parse(AbbevilleSiren), insee);
        Assert.Equal((kind, "Établissement", insee), (tenant.Kind, tenant.Name, tenant.InseeCode));
        Assert.True(kind.IsOtherPublicBody());
    }

    [Theory]
    [InlineData(TenantKind.Commune, "8001")]
    [InlineData(TenantKind.Commune, "8000A")]
    [InlineData(TenantKind.CommunauteCommunes, "80001")]
    [InlineData(TenantKind.Departement, "80001")]
    public void A_wrong_insee_code_is_refused_naming_the_field(TenantKind kind, string insee) =>
        Assert.Equal("inseeCode", Assert.Throws<FieldRuleException>(() => Tenant.Create(kind, "X", Siren.Parse(AbbevilleSiren), insee)).Field);

    [Fact]
    public void Staff_correct_the_identity_and_the_siret_is_checked_against_the_siren()
    {
        var ccas = Tenant.Create(TenantKind.Ccas, "CCAS d'Abeville", Siren.Parse(AbbevilleSiren), "80001");
        var siret = SiretOf(AbbevilleSiren);

        ccas.ChangeIdentity(TenantKind.Ccas, "CCAS d'Abbeville", "80001", $"{siret[..9]} {siret[9..]}");
        Assert.Equal(("CCAS d'Abbeville", siret), (ccas.Name, ccas.Siret));

        Assert.Equal("siret", Assert.Throws<FieldRuleException>(() => ccas.ChangeIdentity(TenantKind.Ccas, "CCAS", null, SiretOf(TernoisSiren))).Field);
        Assert.Equal("kind", Assert.Throws<FieldRuleException>(() => ccas.ChangeIdentity(TenantKind.Commune, "CCAS", "80001", null)).Field);
        Assert.Equal("kind", Assert.Throws<FieldRuleException>(() => ccas.ChangeIdentity(TenantKind.CommunauteCommunes, "CCAS", null, null)).Field);
        Assert.Equal(("CCAS d'Abbeville", siret, TenantKind.Ccas), (ccas.Name, ccas.Siret, ccas.Kind));

        ccas.ChangeIdentity(TenantKind.Syndicat, "Syndicat", null, null);
        Assert.Equal((TenantKind.Syndicat, (string?)null, (string?)null), (ccas.Kind, ccas.InseeCode, ccas.Siret));
    }
}
