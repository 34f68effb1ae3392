using System.Globalization;
using SommeNumerique.Saas.Domain.Tenancy;
using static SommeNumerique.Saas.Domain.Tests.Tenancy.TestTenants;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

public class MemberPricingTests
{
    private static Tenant EpciJoining(DateOnly from)
    {
        var epci = AmiensMetropole();
        epci.JoinSyndicate(from, "Délibération d'adhésion");
        return epci;
    }

    private static Tenant CommuneOf(Tenant epci)
    {
        var commune = Abbeville();
        commune.AttachToEpci(epci);
        return commune;
    }

    [Fact]
    public void A_direct_member_gets_member_prices()
    {
        var departement = Departement();
        departement.JoinSyndicate(D(2017, 1, 1), "Statuts du syndicat");

        var decision = MemberPricing.On(D(2025, 6, 1), departement, null);

        Assert.True(decision.MemberPrices);
        Assert.Contains("Département de la Somme est membre", decision.Reason);
    }

    [Fact]
    public void A_commune_of_a_member_EPCI_gets_member_prices_and_the_reason_names_the_EPCI()
    {
        var epci = EpciJoining(D(2019, 1, 1));

        var decision = MemberPricing.On(D(2025, 6, 1), CommuneOf(epci), epci);

        Assert.True(decision.MemberPrices);
        Assert.Contains("Abbeville", decision.Reason);
        Assert.Contains("Amiens Métropole", decision.Reason);
    }

    [Fact]
    public void A_commune_of_a_non_member_EPCI_gets_non_member_prices_and_the_reason_names_the_EPCI()
    {
        var ternois = Ternois();

        var decision = MemberPricing.On(D(2025, 6, 1), CommuneOf(ternois), ternois);

        Assert.False(decision.MemberPrices);
        Assert.Contains("CC du Ternois", decision.Reason);
        Assert.Contains("non-membre", decision.Reason);
    }

    [Fact]
    public void A_commune_outside_any_EPCI_gets_non_member_prices()
    {
        var decision = MemberPricing.On(D(2025, 6, 1), Abbeville(), null);

        Assert.False(decision.MemberPrices);
        Assert.Contains("Abbeville", decision.Reason);
        Assert.Contains("non-membre", decision.Reason);
    }

    [Fact]
    public void A_public_body_other_than_a_commune_does_not_inherit_the_membership_of_an_EPCI()
    {
        var epci = EpciJoining(D(2019, 1, 1));
        var ccas = Tenant.Create(TenantKind.EtablissementPublic, "CCAS d'Abbeville", Siren.Parse(AbbevilleSiren));

        // A CCAS has no parent EPCI: passing one is a programming error, and without it there is no membership.
        Assert.Throws<ArgumentException>(() => MemberPricing.On(D(2025, 6, 1), ccas, epci));
        Assert.False(MemberPricing.On(D(2025, 6, 1), ccas, parentEpci: null).MemberPrices);
    }

    [Fact]
    public void A_commune_of_an_EPCI_gets_member_prices_from_the_day_the_EPCI_joins()
    {
        var epci = EpciJoining(D(2025, 3, 1));
        var commune = CommuneOf(epci);

        Assert.True(MemberPricing.On(D(2025, 3, 1), commune, epci).MemberPrices);
        Assert.False(MemberPricing.On(D(2025, 2, 28), commune, epci).MemberPrices);
    }

    [Fact]
    public void An_EPCI_gets_member_prices_from_the_day_it_joins()
    {
        var epci = EpciJoining(D(2025, 3, 1));

        Assert.True(MemberPricing.On(D(2025, 3, 1), epci, null).MemberPrices);
        Assert.False(MemberPricing.On(D(2025, 2, 28), epci, null).MemberPrices);
    }

    [Fact]
    public void A_commune_of_an_EPCI_that_left_gets_non_member_prices_after_its_last_day()
    {
        var epci = EpciJoining(D(2019, 1, 1));
        epci.LeaveSyndicate(D(2024, 12, 31));
        var commune = CommuneOf(epci);

        Assert.True(MemberPricing.On(D(2024, 12, 31), commune, epci).MemberPrices);
        Assert.False(MemberPricing.On(D(2025, 1, 1), commune, epci).MemberPrices);
    }

    [Fact]
    public void The_reasons_are_French_sentences_dated_dd_MM_yyyy()
    {
        var epci = EpciJoining(D(2025, 3, 1));
        var commune = CommuneOf(epci);

        var member = MemberPricing.On(D(2025, 3, 1), commune, epci);
        var nonMember = MemberPricing.On(D(2025, 2, 28), commune, epci);

        Assert.Contains("au 01/03/2025", member.Reason);
        Assert.Contains($"l'intercommunalité « {epci.Name} », membre de Somme Numérique", member.Reason);
        Assert.EndsWith(".", member.Reason);
        Assert.Contains("au 28/02/2025", nonMember.Reason);
        Assert.Contains("n'est pas membre de Somme Numérique", nonMember.Reason);
        Assert.EndsWith(".", nonMember.Reason);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("nl-NL")]
    public void The_reason_date_is_dd_MM_yyyy_whatever_the_server_culture(string culture)
    {
        var epci = EpciJoining(D(2025, 3, 1));
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Contains("01/03/2025", MemberPricing.On(D(2025, 3, 1), epci, null).Reason);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
