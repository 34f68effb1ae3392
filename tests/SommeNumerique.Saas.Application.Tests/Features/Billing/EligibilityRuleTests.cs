using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>Rule 1: the months due (every started month in service) and whether the tenant still stands for the item.</summary>
public class EligibilityRuleTests
{
    private static ChargeSheet Apply(ChargeInput input)
    {
        var sheet = new ChargeSheet();
        new EligibilityRule().Apply(input, sheet);
        return sheet;
    }

    private static List<DateOnly> DueMonths(ChargeSheet sheet) => sheet.Months.Select(m => m.Month).ToList();

    [Fact]
    public void A_subscription_in_service_all_year_is_due_for_the_twelve_months()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));

        var sheet = Apply(charge.For(2026));

        Assert.Equal(MonthsFrom(D(2026, 1, 1), D(2026, 12, 1)), DueMonths(sheet));
        Assert.False(sheet.IsSetAside);
    }

    [Fact]
    public void A_subscription_starting_mid_month_is_due_from_that_month_since_every_started_month_is_due()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2026, 4, 15));

        var sheet = Apply(charge.For(2026));

        // April (started on the 15th) to December: 9 months.
        Assert.Equal(MonthsFrom(D(2026, 4, 1), D(2026, 12, 1)), DueMonths(sheet));
    }

    [Fact]
    public void A_subscription_starting_on_the_last_day_of_a_month_is_due_for_that_month()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2026, 3, 31));

        var sheet = Apply(charge.For(2026));

        Assert.Equal(D(2026, 3, 1), sheet.Months[0].Month);
        Assert.Equal(10, sheet.Months.Count);
    }

    [Fact]
    public void A_terminated_subscription_is_due_up_to_its_last_month_of_service_and_not_after()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        charge.Subscription.Terminate(D(2026, 6, 10), D(2026, 6, 1), Staff, At, "Fusion de communes");

        var sheet = Apply(charge.For(2026));

        // Service until 10/06/2026: January to June are due (June is started), July onwards are not.
        Assert.Equal(MonthsFrom(D(2026, 1, 1), D(2026, 6, 1)), DueMonths(sheet));
    }

    [Fact]
    public void A_subscription_terminated_on_the_last_day_of_a_month_is_not_due_the_next_month()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        charge.Subscription.Terminate(D(2026, 6, 30), D(2026, 6, 1), Staff, At, "Fusion de communes");

        var sheet = Apply(charge.For(2026));

        Assert.Equal(D(2026, 6, 1), sheet.Months[^1].Month);
        Assert.Equal(6, sheet.Months.Count);
    }

    [Fact]
    public void A_subscription_terminated_before_the_period_is_due_for_no_month_and_is_not_set_aside()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        charge.Subscription.Terminate(D(2025, 9, 30), D(2025, 9, 1), Staff, At, "Fusion de communes");

        var sheet = Apply(charge.For(2026));

        Assert.Empty(sheet.Months);
        Assert.False(sheet.IsSetAside);
    }

    [Fact]
    public void A_subscription_starting_after_the_period_is_due_for_no_month()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2027, 2, 1));

        var sheet = Apply(charge.For(2026));

        Assert.Empty(sheet.Months);
        Assert.False(sheet.IsSetAside);
    }

    [Fact]
    public void A_members_only_offer_is_set_aside_for_a_non_member_with_the_reason_in_french()
    {
        // Vitz-sur-Authie: its CC du Ternois is not a member of Somme Numérique.
        var charge = Subscribe(VitzSurAuthie(), FtthGfu(), 1, D(2025, 1, 1));

        var sheet = Apply(charge.For(2026));

        Assert.True(sheet.IsSetAside);
        Assert.Equal("FTTH-INITIALE : Réservé aux membres et aux communes des EPCI membres.", sheet.SetAsideReason);
    }

    [Fact]
    public void A_members_only_offer_stands_for_a_commune_of_a_member_epci()
    {
        var charge = Subscribe(Abbeville(), FtthGfu(), 1, D(2025, 1, 1));

        var sheet = Apply(charge.For(2026));

        Assert.False(sheet.IsSetAside);
        Assert.Equal(12, sheet.Months.Count);
    }

    [Fact]
    public void The_statutory_contribution_is_set_aside_for_a_commune_that_is_not_itself_a_member()
    {
        // Abbeville gets member prices through its EPCI, but only direct members pay the cotisation.
        var charge = Subscribe(Abbeville(), Cotisation(), 1, D(2025, 1, 1));

        var sheet = Apply(charge.For(2026));

        Assert.Equal("COTISATION : Réservé aux membres du syndicat mixte.", sheet.SetAsideReason);
    }

    [Fact]
    public void Standing_is_checked_on_the_first_due_month()
    {
        // Ternois joins on 01/03/2025: a members-only subscription starting in March stands...
        var fromMarch = Subscribe(VitzSurAuthie(ternoisJoins: D(2025, 3, 1)), FtthGfu(), 1, D(2025, 3, 1));
        Assert.False(Apply(fromMarch.For(2025)).IsSetAside);

        // ...but one already in service in January 2025 (before the accession) does not.
        var fromJanuary = Subscribe(VitzSurAuthie(ternoisJoins: D(2025, 3, 1)), FtthGfu(), 1, D(2025, 1, 1));
        Assert.True(Apply(fromJanuary.For(2025)).IsSetAside);
    }
}
