using System.Globalization;

namespace SommeNumerique.Saas.Domain.Billing;

/// <summary>
/// A billing period: a calendar year (January to December) or a school year (September to August).
/// Months are identified by their first day. Written "2025" (calendar year) or "2025-2026" (school year, ENT)
/// in the API and the pages: <see cref="Label"/> writes it, <see cref="TryParse(string?, out BillingPeriod)"/> reads it.
/// </summary>
public readonly record struct BillingPeriod(DateOnly Start, DateOnly End)
{
    /// <summary>Years a period may start in (a typing error such as "2205" is refused).</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    /// <summary>What to type, said when a period cannot be read.</summary>
    public const string FormatHelp = "Indiquez une année civile (ex. 2025) ou une année scolaire (ex. 2025-2026).";

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

    /// <summary>
    /// Reads "2025" (calendar year 2025) or "2025-2026" (school year from 1 September 2025), spaces around
    /// allowed, years from <see cref="FirstYear"/> to <see cref="LastYear"/>; anything else is refused.
    /// <paramref name="alignment"/> says which of the two was written.
    /// </summary>
    public static bool TryParse(string? text, out BillingPeriod period, out BillingAlignment alignment)
    {
        period = default;
        alignment = BillingAlignment.CalendarYear;
        var value = (text ?? "").Trim();
        if (value.Length == 4 && TryReadYear(value, out var year))
        {
            period = Containing(new DateOnly(year, 1, 1), alignment);
            return true;
        }
        var parts = value.Split('-');
        if (parts.Length == 2 && TryReadYear(parts[0], out var first) && parts[1].Length == 4
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var second) && second == first + 1)
        {
            alignment = BillingAlignment.SchoolYear;
            period = Containing(new DateOnly(first, 9, 1), alignment);
            return true;
        }
        return false;
    }

    /// <inheritdoc cref="TryParse(string?, out BillingPeriod, out BillingAlignment)"/>
    public static bool TryParse(string? text, out BillingPeriod period) => TryParse(text, out period, out _);

    /// <summary>As <see cref="TryParse(string?, out BillingPeriod, out BillingAlignment)"/>, throwing <see cref="FormatException"/> (in French) on a text it refuses.</summary>
    public static BillingPeriod Parse(string? text, out BillingAlignment alignment) =>
        TryParse(text, out var period, out alignment)
            ? period
            : throw new FormatException($"« {text} » n'est pas une période de facturation. {FormatHelp}");

    private static bool TryReadYear(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && text.Length == 4 && year is >= FirstYear and <= LastYear;
}

public static class Months
{
    public static DateOnly FirstDay(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Number of months from <paramref name="from"/>'s month to <paramref name="to"/>'s month, both counted.</summary>
    public static int CountInclusive(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
}
