using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>Rule 6: the months up to the end of the free first year are given back by a visible negative line.</summary>
public class FirstYearGratuityRuleTests
{
    /// <summary>Months as the proration rule leaves them: priced and with their (unrounded) amount.</summary>
    private static ChargeSheet Prorated(Charge charge, IEnumerable<DateOnly> months, Func<DateOnly, int> unitsOf)
    {
        var version = VersionOf(charge.Item, D(2025, 1, 1));
        return Sheet(months, m =>
        {
            Priced(version, PriceList.Member, unitsOf(m.Month))(m);
            m.AmountHt = m.AnnualUnitPrice * m.Units / 12m;
        });
    }

    private static ChargeSheet Apply(Charge charge, int year, ChargeSheet sheet)
    {
        new FirstYearGratuityRule().Apply(charge.For(year), sheet);
        return sheet;
    }

    private static ChargeLine? Gratuity(ChargeSheet sheet) => sheet.Lines.SingleOrDefault(l => l.Kind == ChargeLineKind.FirstYearGratuity);

    [Fact]
    public void A_first_subscription_from_1_january_gets_the_whole_year_back()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        Assert.Equal(D(2025, 12, 31), charge.Subscription.GratuityEndsOn);
        var sheet = Prorated(charge, MonthsFrom(D(2025, 1, 1), D(2025, 12, 1)), _ => 10);

        Apply(charge, 2025, sheet);

        var line = Assert.Single(sheet.Lines);
        Assert.Equal(ChargeLineKind.FirstYearGratuity, line.Kind);
        Assert.Equal("Gratuité première année (12 mois, jusqu'au 31/12/2025)", line.Label);
        Assert.StartsWith("Gratuité première année", line.Label);
        Assert.Equal(-sheet.Months.Sum(m => m.AmountHt), line.AmountHt);
        Assert.Equal(-350.00m, Money.Round(line.AmountHt)); // 10 × 35.00
        Assert.Equal((D(2025, 1, 1), D(2025, 12, 1), 12), (line.FromMonth, line.ToMonth, line.MonthCount));
    }

    [Fact]
    public void Only_the_months_up_to_the_end_of_the_free_year_are_given_back()
    {
        // Subscribed on 15/04/2025: free until 31/03/2026 (12 months, April 2025 included).
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 4, 15));
        Assert.Equal(D(2026, 3, 31), charge.Subscription.GratuityEndsOn);
        var sheet = Prorated(charge, MonthsFrom(D(2026, 1, 1), D(2026, 12, 1)), _ => 10);

        Apply(charge, 2026, sheet);

        var line = Gratuity(sheet)!;
        Assert.Equal("Gratuité première année (3 mois, jusqu'au 31/03/2026)", line.Label);
        Assert.Equal((D(2026, 1, 1), D(2026, 3, 1), 3), (line.FromMonth, line.ToMonth, line.MonthCount));
        Assert.Equal(-sheet.Months.Take(3).Sum(m => m.AmountHt), line.AmountHt);
        Assert.Equal(-87.50m, Money.Round(line.AmountHt)); // 35 × 10 × 3 / 12
    }

    [Fact]
    public void A_mid_year_first_subscription_gets_all_its_first_period_months_back()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 4, 15));
        var sheet = Prorated(charge, MonthsFrom(D(2025, 4, 1), D(2025, 12, 1)), _ => 10);

        Apply(charge, 2025, sheet);

        Assert.Equal(-262.50m, Money.Round(Gratuity(sheet)!.AmountHt)); // 35 × 10 × 9 / 12
        Assert.Equal("Gratuité première année (9 mois, jusqu'au 31/03/2026)", Gratuity(sheet)!.Label);
    }

    [Fact]
    public void Units_added_during_the_free_year_are_free_too()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        var sheet = Prorated(charge, MonthsFrom(D(2025, 1, 1), D(2025, 12, 1)), m => m.Month < 4 ? 10 : 15);

        Apply(charge, 2025, sheet);

        // 35 × 10 × 3 / 12 = 87.50, plus 35 × 15 × 9 / 12 = 393.75: 481.25 given back.
        Assert.Equal(-481.25m, Money.Round(Gratuity(sheet)!.AmountHt));
    }

    [Fact]
    public void No_gratuity_once_the_free_year_is_over()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        var sheet = Prorated(charge, MonthsFrom(D(2026, 1, 1), D(2026, 12, 1)), _ => 10);

        Apply(charge, 2026, sheet);

        Assert.Empty(sheet.Lines);
    }

    [Fact]
    public void No_gratuity_when_it_is_not_the_tenants_first_subscription_to_the_item()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1), firstEver: false);
        Assert.Null(charge.Subscription.GratuityEndsOn);
        var sheet = Prorated(charge, MonthsFrom(D(2025, 1, 1), D(2025, 12, 1)), _ => 10);

        Apply(charge, 2025, sheet);

        Assert.Empty(sheet.Lines);
    }

    [Fact]
    public void No_gratuity_for_an_item_that_is_not_free_the_first_year()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(firstYearFree: false), 10, D(2025, 1, 1));
        Assert.Null(charge.Subscription.GratuityEndsOn);
        var sheet = Prorated(charge, MonthsFrom(D(2025, 1, 1), D(2025, 12, 1)), _ => 10);

        Apply(charge, 2025, sheet);

        Assert.Empty(sheet.Lines);
    }

    [Fact]
    public void Only_the_months_still_to_bill_are_given_back()
    {
        // Second run of 2025: the first billed (and gave back) 10 vaults; 5 more from June are left on the sheet.
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        var sheet = Prorated(charge, MonthsFrom(D(2025, 6, 1), D(2025, 12, 1)), _ => 5);

        Apply(charge, 2025, sheet);

        Assert.Equal(-102.08m, Money.Round(Gratuity(sheet)!.AmountHt)); // 35 × 5 × 7 / 12 = 102.0833…
        Assert.Equal(7, Gratuity(sheet)!.MonthCount);
    }
}
