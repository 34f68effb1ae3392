using System.Globalization;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>How a billing period is written in the API and the pages: "2025" (calendar year) or "2025-2026" (school year, ENT).</summary>
public static class BillingPeriods
{
    public static bool TryParse(string? text, out BillingPeriod period, out BillingAlignment alignment)
    {
        period = default;
        alignment = BillingAlignment.CalendarYear;
        var value = (text ?? "").Trim();
        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100)
        {
            period = BillingPeriod.Containing(new DateOnly(year, 1, 1), alignment);
            return true;
        }
        var parts = value.Split('-');
        if (parts.Length == 2 && parts[0].Length == 4 && parts[1].Length == 4
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var second)
            && first is >= 2000 and <= 2100 && second == first + 1)
        {
            alignment = BillingAlignment.SchoolYear;
            period = BillingPeriod.Containing(new DateOnly(first, 9, 1), alignment);
            return true;
        }
        return false;
    }

    public const string FormatHelp = "Indiquez une année civile (ex. 2025) ou une année scolaire (ex. 2025-2026).";
}
