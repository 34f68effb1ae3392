using System.Collections.Concurrent;
using System.Globalization;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges;

/// <summary>How invoice lines write dates, months, amounts and price lists (French).</summary>
public static class BillingText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"12 mois du 01/01/2026 au 31/12/2026".</summary>
    public static string MonthRange(DateOnly firstMonth, DateOnly lastMonth, int count) =>
        MonthRanges.GetOrAdd((firstMonth, lastMonth, count),
            static k => $"{k.Count} mois du {Day(k.First)} au {Day(k.Last.AddMonths(1).AddDays(-1))}");

    // Few distinct ranges per period, written on most lines of a run: built once each.
    private static readonly ConcurrentDictionary<(DateOnly First, DateOnly Last, int Count), string> MonthRanges = new();

    /// <summary>"1 234,56 €" (plain spaces, so that PDFs and exports read the same).</summary>
    public static string Euros(decimal amount) => Plain(amount.ToString("#,##0.00", French)) + " €";

    /// <summary>A per-inhabitant rate: "0,65 €" (up to 4 decimals).</summary>
    public static string Rate(decimal rate) => Plain(rate.ToString("#,##0.00##", French)) + " €";

    public static string Count(int value) => Plain(value.ToString("#,##0", French));

    public static string List(PriceList list) => list == PriceList.Member ? "tarif membre" : "tarif non-membre";

    private static string Plain(string s) => s.Replace('\u202F', ' ').Replace('\u00A0', ' ');
}
