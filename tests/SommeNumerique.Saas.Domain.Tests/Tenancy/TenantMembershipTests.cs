using SommeNumerique.Saas.Domain.Tenancy;
using static SommeNumerique.Saas.Domain.Tests.Tenancy.TestTenants;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

public class TenantMembershipTests
{
    private static Tenant MemberFrom2019To2022()
    {
        var epci = AmiensMetropole();
        epci.JoinSyndicate(D(2019, 1, 1), "Statuts du syndicat");
        epci.LeaveSyndicate(D(2022, 12, 31));
        return epci;
    }

    [Fact]
    public void A_tenant_is_not_a_member_the_day_before_it_joins() => Assert.False(MemberFrom2019To2022().IsMemberOn(D(2018, 12, 31)));

    [Fact]
    public void A_tenant_is_a_member_from_the_day_it_joins() => Assert.True(MemberFrom2019To2022().IsMemberOn(D(2019, 1, 1)));

    [Fact]
    public void A_tenant_is_a_member_on_its_last_day() => Assert.True(MemberFrom2019To2022().IsMemberOn(D(2022, 12, 31)));

    [Fact]
    public void A_tenant_is_not_a_member_the_day_after_its_last_day() => Assert.False(MemberFrom2019To2022().IsMemberOn(D(2023, 1, 1)));

    [Fact]
    public void An_open_membership_lasts_until_the_tenant_leaves()
    {
        var epci = AmiensMetropole();
        epci.JoinSyndicate(D(2019, 1, 1), "Statuts du syndicat");

        Assert.True(epci.IsMemberOn(D(2040, 6, 15)));
    }

    [Fact]
    public void A_tenant_may_join_again_after_leaving()
    {
        var epci = MemberFrom2019To2022();

        epci.JoinSyndicate(D(2024, 7, 1), "Délibération d'adhésion");

        Assert.False(epci.IsMemberOn(D(2023, 6, 30)));
        Assert.False(epci.IsMemberOn(D(2024, 6, 30)));
        Assert.True(epci.IsMemberOn(D(2024, 7, 1)));
        Assert.True(epci.IsMemberOn(D(2020, 5, 1)));
        Assert.Equal(2, epci.Memberships.Count);
    }

    [Fact]
    public void A_tenant_may_join_again_the_day_after_its_last_day()
    {
        var epci = MemberFrom2019To2022();

        epci.JoinSyndicate(D(2023, 1, 1), "Délibération d'adhésion");

        Assert.True(epci.IsMemberOn(D(2023, 1, 1)));
    }

    [Fact]
    public void Joining_while_already_a_member_is_refused()
    {
        var epci = AmiensMetropole();
        epci.JoinSyndicate(D(2019, 1, 1), "Statuts du syndicat");

        Assert.ThrowsAny<DomainException>(() => epci.JoinSyndicate(D(2025, 1, 1), "Délibération d'adhésion"));
        Assert.Single(epci.Memberships);
    }

    [Theory]
    [InlineData(2022, 12, 31)] // the last day of the previous period
    [InlineData(2021, 6, 1)]   // inside the previous period
    [InlineData(2018, 1, 1)]   // before it: an open period from then would cover it
    public void Joining_on_a_date_covered_by_a_recorded_period_is_refused(int year, int month, int day)
    {
        var epci = MemberFrom2019To2022();

        Assert.ThrowsAny<DomainException>(() => epci.JoinSyndicate(D(year, month, day), "Délibération d'adhésion"));
        Assert.Single(epci.Memberships);
    }

    [Fact]
    public void Leaving_when_never_a_member_is_refused() =>
        Assert.ThrowsAny<DomainException>(() => AmiensMetropole().LeaveSyndicate(D(2025, 1, 1)));

    [Fact]
    public void Leaving_after_having_left_is_refused()
    {
        var epci = MemberFrom2019To2022();

        Assert.ThrowsAny<DomainException>(() => epci.LeaveSyndicate(D(2023, 12, 31)));
        Assert.Equal(D(2022, 12, 31), epci.Memberships.Single().Until);
    }

    [Fact]
    public void Leaving_before_the_membership_started_is_refused()
    {
        var epci = AmiensMetropole();
        epci.JoinSyndicate(D(2025, 3, 1), "Délibération d'adhésion");

        Assert.ThrowsAny<DomainException>(() => epci.LeaveSyndicate(D(2025, 2, 28)));
        Assert.True(epci.IsMemberOn(D(2030, 1, 1)));
    }

    [Fact]
    public void A_membership_may_last_a_single_day()
    {
        var epci = AmiensMetropole();
        epci.JoinSyndicate(D(2025, 3, 1), "Délibération d'adhésion");

        epci.LeaveSyndicate(D(2025, 3, 1));

        Assert.True(epci.IsMemberOn(D(2025, 3, 1)));
        Assert.False(epci.IsMemberOn(D(2025, 3, 2)));
    }

    [Fact]
    public void Leaving_keeps_the_start_and_source_of_the_period()
    {
        var epci = AmiensMetropole();
        epci.JoinSyndicate(D(2019, 1, 1), "Statuts du syndicat");

        epci.LeaveSyndicate(D(2022, 12, 31));

        Assert.Equal(new MembershipPeriod(D(2019, 1, 1), D(2022, 12, 31), "Statuts du syndicat"), epci.Memberships.Single());
    }
}
