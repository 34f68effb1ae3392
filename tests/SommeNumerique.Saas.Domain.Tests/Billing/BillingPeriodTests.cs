using SommeNumerique.Saas.Domain.Billing;

namespace SommeNumerique.Saas.Domain.Tests.Billing;

public class BillingPeriodTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2025, 1, 1)]
    [InlineData(2025, 3, 15)]
    [InlineData(2025, 12, 31)]
    public void A_calendar_period_runs_from_1_January_to_31_December(int y, int m, int d)
    {
        var period = BillingPeriod.Containing(D(y, m, d), BillingAlignment.CalendarYear);

        Assert.Equal(new BillingPeriod(D(2025, 1, 1), D(2025, 12, 31)), period);
        Assert.Equal("2025", period.Label);
    }

    [Fact]
    public void The_31_August_belongs_to_the_school_year_that_started_the_previous_September()
    {
        var period = BillingPeriod.Containing(D(2025, 8, 31), BillingAlignment.SchoolYear);

        Assert.Equal(new BillingPeriod(D(2024, 9, 1), D(2025, 8, 31)), period);
        Assert.Equal("2024-2025", period.Label);
    }

    [Fact]
    public void The_1_September_starts_a_new_school_year()
    {
        var period = BillingPeriod.Containing(D(2025, 9, 1), BillingAlignment.SchoolYear);

        Assert.Equal(new BillingPeriod(D(2025, 9, 1), D(2026, 8, 31)), period);
        Assert.Equal("2025-2026", period.Label);
    }

    [Fact]
    public void A_January_day_belongs_to_the_school_year_started_the_previous_September()
    {
        Assert.Equal(new BillingPeriod(D(2025, 9, 1), D(2026, 8, 31)), BillingPeriod.Containing(D(2026, 1, 15), BillingAlignment.SchoolYear));
    }

    [Fact]
    public void The_next_calendar_period_is_the_next_year()
    {
        var next = BillingPeriod.Containing(D(2025, 6, 10), BillingAlignment.CalendarYear).Next(BillingAlignment.CalendarYear);

        Assert.Equal(new BillingPeriod(D(2026, 1, 1), D(2026, 12, 31)), next);
    }

    [Fact]
    public void The_next_school_period_is_the_next_school_year()
    {
        var next = BillingPeriod.Containing(D(2025, 8, 31), BillingAlignment.SchoolYear).Next(BillingAlignment.SchoolYear);

        Assert.Equal(new BillingPeriod(D(2025, 9, 1), D(2026, 8, 31)), next);
    }

    [Fact]
    public void The_months_from_a_mid_month_start_count_the_start_month()
    {
        var months = BillingPeriod.Containing(D(2025, 3, 15), BillingAlignment.CalendarYear).MonthsFrom(D(2025, 3, 15)).ToList();

        Assert.Equal(10, months.Count);
        Assert.Equal(D(2025, 3, 1), months[0]);
        Assert.Equal(D(2025, 12, 1), months[^1]);
        Assert.All(months, m => Assert.Equal(1, m.Day));
    }

    [Fact]
    public void The_months_from_a_day_before_the_period_are_all_its_months()
    {
        var months = BillingPeriod.Containing(D(2025, 1, 1), BillingAlignment.CalendarYear).MonthsFrom(D(2024, 11, 20)).ToList();

        Assert.Equal(12, months.Count);
        Assert.Equal(D(2025, 1, 1), months[0]);
    }

    [Fact]
    public void The_months_from_a_day_after_the_period_are_none()
    {
        Assert.Empty(BillingPeriod.Containing(D(2025, 1, 1), BillingAlignment.CalendarYear).MonthsFrom(D(2026, 1, 1)));
    }

    [Fact]
    public void The_months_of_a_school_year_from_October_are_October_to_August()
    {
        var months = BillingPeriod.Containing(D(2025, 10, 1), BillingAlignment.SchoolYear).MonthsFrom(D(2025, 10, 1)).ToList();

        Assert.Equal(11, months.Count);
        Assert.Equal(D(2025, 10, 1), months[0]);
        Assert.Equal(D(2026, 8, 1), months[^1]);
    }

    [Theory]
    [InlineData("2025-03-15", "2025-12-31", 10)]
    [InlineData("2025-01-01", "2025-12-31", 12)]
    [InlineData("2025-10-01", "2026-08-31", 11)]
    [InlineData("2025-01-31", "2025-01-01", 1)]
    [InlineData("2024-12-31", "2025-01-01", 2)]
    [InlineData("2025-01-01", "2027-12-31", 36)]
    public void Months_count_inclusive_counts_both_months(string from, string to, int expected)
    {
        Assert.Equal(expected, Months.CountInclusive(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_first_day_of_a_month()
    {
        Assert.Equal(D(2025, 3, 1), Months.FirstDay(D(2025, 3, 15)));
        Assert.Equal(D(2024, 2, 1), Months.FirstDay(D(2024, 2, 29)));
    }

    [Theory]
    [InlineData("2025", "2025-01-01", "2025-12-31", BillingAlignment.CalendarYear)]
    [InlineData(" 2026 ", "2026-01-01", "2026-12-31", BillingAlignment.CalendarYear)]
    [InlineData("2025-2026", "2025-09-01", "2026-08-31", BillingAlignment.SchoolYear)]
    [InlineData("2000", "2000-01-01", "2000-12-31", BillingAlignment.CalendarYear)]
    [InlineData("2100", "2100-01-01", "2100-12-31", BillingAlignment.CalendarYear)]
    [InlineData("2000-2001", "2000-09-01", "2001-08-31", BillingAlignment.SchoolYear)]
    [InlineData("2100-2101", "2100-09-01", "2101-08-31", BillingAlignment.SchoolYear)]
    public void A_period_is_read_from_a_calendar_year_or_a_school_year(string text, string start, string end, BillingAlignment alignment)
    {
        Assert.True(BillingPeriod.TryParse(text, out var period, out var read));

        Assert.Equal(new BillingPeriod(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), period);
        Assert.Equal(alignment, read);
        Assert.Equal(text.Trim(), period.Label);
        Assert.Equal(period, BillingPeriod.Parse(text, out var parsed));
        Assert.Equal(alignment, parsed);
        Assert.True(BillingPeriod.TryParse(text, out var periodOnly));
        Assert.Equal(period, periodOnly);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1999")]           // before the first year
    [InlineData("2101")]           // after the last year
    [InlineData("1999-2000")]
    [InlineData("2101-2102")]
    [InlineData("2025-2027")]      // not two consecutive years
    [InlineData("2026-2025")]
    [InlineData("2025-26")]
    [InlineData("25")]
    [InlineData("+2025")]
    [InlineData("2025-")]
    [InlineData("2025-2026-2027")]
    [InlineData("deux mille vingt-cinq")]
    [InlineData("2025 - 2026")]
    public void Anything_else_is_not_a_period(string? text)
    {
        Assert.False(BillingPeriod.TryParse(text, out var period));
        Assert.Equal(default, period);
        var error = Assert.Throws<FormatException>(() => BillingPeriod.Parse(text, out _));
        Assert.Contains(BillingPeriod.FormatHelp, error.Message);
    }

    [Fact]
    public void The_help_says_in_French_what_to_type()
    {
        Assert.Equal("Indiquez une année civile (ex. 2025) ou une année scolaire (ex. 2025-2026).", BillingPeriod.FormatHelp);
    }

    [Theory]
    [InlineData("2024-03-10", BillingAlignment.CalendarYear)]
    [InlineData("2024-03-10", BillingAlignment.SchoolYear)]
    [InlineData("2024-10-10", BillingAlignment.SchoolYear)]
    public void The_label_of_a_period_reads_back_as_the_same_period(string day, BillingAlignment alignment)
    {
        var period = BillingPeriod.Containing(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), alignment);

        Assert.Equal(period, BillingPeriod.Parse(period.Label, out var read));
        Assert.Equal(alignment, read);
    }
}
