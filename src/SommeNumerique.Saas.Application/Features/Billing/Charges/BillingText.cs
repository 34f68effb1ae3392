using System.Collections.Concurrent;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges;

/// <summary>The wording of invoice lines that is billing's own (dates and amounts: <see cref="FrenchText"/>).</summary>
public static class BillingText
{
    /// <summary>"12 mois du 01/01/2026 au 31/12/2026".</summary>
    public static string MonthRange(DateOnly firstMonth, DateOnly lastMonth, int count) =>
        MonthRanges.GetOrAdd((firstMonth, lastMonth, count),
            static k => $"{k.Count} mois du {FrenchText.Day(k.First)} au {FrenchText.Day(k.Last.AddMonths(1).AddDays(-1))}");

    // Few distinct ranges per period, written on most lines of a run: built once each.
    private static readonly ConcurrentDictionary<(DateOnly First, DateOnly Last, int Count), string> MonthRanges = new();

    public static string List(PriceList list) => list == PriceList.Member ? "tarif membre" : "tarif non-membre";
}
