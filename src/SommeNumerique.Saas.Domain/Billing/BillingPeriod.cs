using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Domain.Billing;

/// <summary>
/// A billing period: a calendar year (January to December) or a school year (September to August).
/// Months are identified by their first day.
/// </summary>
public readonly record struct BillingPeriod(DateOnly Start, DateOnly End)
{
    public static BillingPeriod Containing(DateOnly day, BillingAlignment alignment)
    {
        if (alignment == BillingAlignment.SchoolYear)
        {
            var startYear = day.Month >= 9 ? day.Year : day.Year - 1;
            return new BillingPeriod(new DateOnly(startYear, 9, 1), new DateOnly(startYear + 1, 8, 31));
        }
        return new BillingPeriod(new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31));
    }

    public BillingPeriod Next(BillingAlignment alignment) => Containing(End.AddDays(1), alignment);

    /// <summary>First days of the months of the period, from <paramref name="from"/>'s month on.</summary>
    public IEnumerable<DateOnly> MonthsFrom(DateOnly from)
    {
        var month = Months.FirstDay(from < Start ? Start : from);
        for (; month <= End; month = month.AddMonths(1)) yield return month;
    }

    public string Label => Start.Month == 1 ? $"{Start.Year}" : $"{Start.Year}-{End.Year}";
}

public static class Months
{
    public static DateOnly FirstDay(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Number of months from <paramref name="from"/>'s month to <paramref name="to"/>'s month, both counted.</summary>
    public static int CountInclusive(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
}
