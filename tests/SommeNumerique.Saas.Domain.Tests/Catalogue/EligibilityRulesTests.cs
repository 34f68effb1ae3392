using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue;

public class EligibilityRulesTests
{
    private static readonly DateOnly Day = new(2025, 1, 1);

    private static EligibilityDecision Check(EligibilityRules rules, Who who, DateOnly? day = null)
    {
        var on = day ?? Day;
        var (tenant, parent) = CatalogueTenants.Build(who);
        return rules.Check(tenant, MemberPricing.On(on, tenant, parent), on);
    }

    [Theory]
    [InlineData(Who.Abbeville)]
    [InlineData(Who.VitzSurAuthie)]
    [InlineData(Who.Ternois)]
    [InlineData(Who.Departement)]
    [InlineData(Who.AbbevilleSansPostes)]
    public void Anyone_may_subscribe_without_rules(Who who)
    {
        var decision = Check(EligibilityRules.Anyone, who);

        Assert.True(decision.Eligible);
        Assert.Null(decision.Reason);
        Assert.Same(EligibilityDecision.Yes, decision);
    }

    [Theory]
    [InlineData(Who.Departement)]
    [InlineData(Who.AmiensMetropole)]
    [InlineData(Who.BaieDeSomme)]
    [InlineData(Who.Abbeville)]
    [InlineData(Who.Amiens)]
    [InlineData(Who.Cachy)]
    public void Members_and_communes_of_member_EPCI_may_subscribe_to_connectivity(Who who)
    {
        Assert.True(Check(new EligibilityRules(MembershipRequirement.MembersAndTheirCommunes), who).Eligible);
    }

    [Theory]
    [InlineData(Who.VitzSurAuthie)]
    [InlineData(Who.Ternois)]
    public void Non_members_may_not_subscribe_to_connectivity(Who who)
    {
        var decision = Check(new EligibilityRules(MembershipRequirement.MembersAndTheirCommunes), who);

        Assert.False(decision.Eligible);
        Assert.Equal("Réservé aux membres et aux communes des EPCI membres.", decision.Reason);
    }

    [Fact]
    public void A_commune_whose_EPCI_joins_may_subscribe_to_connectivity_from_the_day_it_joins()
    {
        var rules = new EligibilityRules(MembershipRequirement.MembersAndTheirCommunes);

        Assert.False(Check(rules, Who.VitzTernoisAdherent2025, new DateOnly(2025, 2, 28)).Eligible);
        Assert.True(Check(rules, Who.VitzTernoisAdherent2025, new DateOnly(2025, 3, 1)).Eligible);
    }

    [Theory]
    [InlineData(Who.Departement)]
    [InlineData(Who.AmiensMetropole)]
    [InlineData(Who.BaieDeSomme)]
    public void Direct_members_may_subscribe_to_the_statutory_contribution(Who who)
    {
        Assert.True(Check(new EligibilityRules(MembershipRequirement.DirectMembersOnly), who).Eligible);
    }

    [Theory]
    [InlineData(Who.Abbeville)]
    [InlineData(Who.Amiens)]
    [InlineData(Who.Ternois)]
    [InlineData(Who.VitzSurAuthie)]
    public void Communes_and_non_members_may_not_subscribe_to_the_statutory_contribution(Who who)
    {
        var decision = Check(new EligibilityRules(MembershipRequirement.DirectMembersOnly), who);

        Assert.False(decision.Eligible);
        Assert.Equal("Réservé aux membres du syndicat mixte.", decision.Reason);
    }

    [Fact]
    public void A_direct_member_is_checked_on_the_day()
    {
        var rules = new EligibilityRules(MembershipRequirement.DirectMembersOnly);

        Assert.False(Check(rules, Who.Departement, new DateOnly(2016, 12, 31)).Eligible);
        Assert.True(Check(rules, Who.Departement, new DateOnly(2017, 1, 1)).Eligible);
    }

    [Theory]
    [InlineData(Who.Abbeville, true)]
    [InlineData(Who.VitzSurAuthie, true)]
    [InlineData(Who.Cachy, true)]
    [InlineData(Who.Abbeville25Postes, false)]
    [InlineData(Who.BaieDeSomme, false)]
    [InlineData(Who.Amiens, false)]
    public void The_high_security_pack_is_for_fewer_than_25_workstations(Who who, bool eligible)
    {
        var decision = Check(new EligibilityRules(MaxWorkstationsExclusive: 25), who);

        Assert.Equal(eligible, decision.Eligible);
        if (!eligible) Assert.Equal("Réservé aux structures de moins de 25 postes.", decision.Reason);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(24, true)]
    [InlineData(25, false)]
    [InlineData(26, false)]
    public void The_workstation_limit_is_exclusive(int workstations, bool eligible)
    {
        var tenant = CatalogueTenants.Abbeville(workstations);
        var rules = new EligibilityRules(MaxWorkstationsExclusive: 25);

        Assert.Equal(eligible, rules.Check(tenant, MemberPricing.On(Day, tenant, null), Day).Eligible);
    }

    [Fact]
    public void Undeclared_workstations_are_not_eligible_and_the_reason_says_to_declare_them()
    {
        var decision = Check(new EligibilityRules(MaxWorkstationsExclusive: 25), Who.AbbevilleSansPostes);

        Assert.False(decision.Eligible);
        Assert.Equal("Réservé aux structures de moins de 25 postes : déclarez votre nombre de postes.", decision.Reason);
    }

    [Fact]
    public void Allowed_kinds_are_named_in_French_when_refused()
    {
        var rules = new EligibilityRules(AllowedKinds: [TenantKind.CommunauteCommunes, TenantKind.CommunauteAgglomeration]);

        var decision = Check(rules, Who.Abbeville);

        Assert.False(decision.Eligible);
        Assert.Equal("Réservé aux structures suivantes : communauté de communes, communauté d'agglomération.", decision.Reason);
        Assert.True(Check(rules, Who.Ternois).Eligible);
        Assert.True(Check(rules, Who.BaieDeSomme).Eligible);
    }

    [Fact]
    public void An_empty_list_of_allowed_kinds_allows_every_kind()
    {
        Assert.True(Check(new EligibilityRules(AllowedKinds: []), Who.Abbeville).Eligible);
    }

    [Fact]
    public void Membership_is_checked_before_the_workstation_limit()
    {
        var rules = new EligibilityRules(MembershipRequirement.MembersAndTheirCommunes, MaxWorkstationsExclusive: 25);

        var decision = Check(rules, Who.Ternois);

        Assert.Equal("Réservé aux membres et aux communes des EPCI membres.", decision.Reason);
    }

    [Fact]
    public void A_decision_no_carries_its_reason()
    {
        var decision = EligibilityDecision.No("Raison.");

        Assert.False(decision.Eligible);
        Assert.Equal("Raison.", decision.Reason);
    }

    // Quantity limits are an offer's: the resolver refuses a quantity outside them.

    private static PriceQuote ResolveVault(int min, int? max, int quantity)
    {
        var item = VotedCatalogue.CoffreFort();
        var offer = item.Offers.Single();
        offer.SetQuantityLimits(min, max);
        var (tenant, parent) = CatalogueTenants.Build(Who.Abbeville);
        return PriceResolver.Resolve(item, offer, tenant, parent, quantity, new DateOnly(2025, 1, 15));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    public void A_quantity_within_the_limits_is_eligible(int quantity)
    {
        var quote = ResolveVault(1, 10, quantity);

        Assert.True(quote.Eligible);
        Assert.Equal(35.00m * quantity, quote.AnnualHt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void A_quantity_outside_the_limits_is_not_eligible(int quantity)
    {
        var quote = ResolveVault(1, 10, quantity);

        Assert.False(quote.Eligible);
        Assert.Equal("La quantité doit être comprise entre 1 et 10.", quote.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_quantity_below_the_minimum_without_maximum_is_not_eligible(int quantity)
    {
        var quote = ResolveVault(1, null, quantity);

        Assert.False(quote.Eligible);
        Assert.Equal("La quantité doit être d'au moins 1.", quote.Reason);
    }

    [Fact]
    public void A_large_quantity_without_maximum_is_eligible()
    {
        var quote = ResolveVault(1, null, 10_000);

        Assert.True(quote.Eligible);
        Assert.Equal(350_000.00m, quote.AnnualHt);
    }

    [Fact]
    public void A_minimum_of_3_refuses_2()
    {
        var quote = ResolveVault(3, null, 2);

        Assert.False(quote.Eligible);
        Assert.Equal("La quantité doit être d'au moins 3.", quote.Reason);
    }

    [Fact]
    public void The_high_security_pack_is_refused_at_25_workstations_through_the_resolver_too()
    {
        var item = VotedCatalogue.PackHauteSecurite();
        var (tenant, parent) = CatalogueTenants.Build(Who.Abbeville25Postes);

        var quote = PriceResolver.Resolve(item, item.Offers.Single(), tenant, parent, 1, new DateOnly(2025, 1, 15));

        Assert.False(quote.Eligible);
        Assert.Equal("Réservé aux structures de moins de 25 postes.", quote.Reason);
    }
}
