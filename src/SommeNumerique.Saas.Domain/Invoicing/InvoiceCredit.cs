using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Domain.Invoicing;

/// <summary>
/// What a credit note (avoir) may cancel on an invoice, and how much of each line. A credit note reduces a
/// debt and never raises it:
/// <list type="bullet">
/// <item>a rule line (first-year gratuity, floor or cap) adjusts the service lines of the same subscription
/// whose months it covers; it is never credited alone, it follows them;</item>
/// <item>crediting a service line credits its share of each rule line that adjusts it: a floor or cap (one
/// service line) wholly, a gratuity in proportion to the free months' amount of each service line it covers,
/// the last service line credited taking what is left, so that a rule line is never credited more than once
/// over;</item>
/// <item>service and setup-fee lines are credited once, wholly.</item>
/// </list>
/// </summary>
public static class InvoiceCredit
{
    /// <summary>A line that exists only because of a rule applied to service lines.</summary>
    public static bool IsRuleLine(InvoiceLine line) => line.Kind is ChargeLineKind.FirstYearGratuity or ChargeLineKind.FloorOrCap;

    /// <summary>The service lines a rule line adjusts: same subscription and offer, months overlapping.</summary>
    public static IReadOnlyList<InvoiceLine> ServiceLinesOf(InvoiceLine rule, IEnumerable<InvoiceLine> lines) =>
        lines.Where(l => l.Kind == ChargeLineKind.Service && l.SubscriptionId == rule.SubscriptionId
                && l.ItemCode == rule.ItemCode && l.OfferCode == rule.OfferCode && OverlappingMonths(l, rule) > 0)
            .OrderBy(l => l.Position).ToList();

    /// <summary>HT already credited per position of the invoice, from the lines of its issued credit notes.</summary>
    public static IReadOnlyDictionary<int, decimal> CreditedHt(IEnumerable<InvoiceLine> creditNoteLines) =>
        creditNoteLines.Where(l => l.CreditsPosition is not null)
            .GroupBy(l => l.CreditsPosition!.Value)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.AmountHt));

    /// <summary>The positions wholly credited (a rule line credited in part is not).</summary>
    public static IReadOnlySet<int> FullyCredited(IEnumerable<InvoiceLine> invoiceLines, IEnumerable<InvoiceLine> creditNoteLines)
    {
        var credited = CreditedHt(creditNoteLines);
        return invoiceLines.Where(l => IsFullyCredited(l, credited)).Select(l => l.Position).ToHashSet();
    }

    internal static bool IsFullyCredited(InvoiceLine line, IReadOnlyDictionary<int, decimal> credited) =>
        credited.TryGetValue(line.Position, out var amount) && amount == line.AmountHt;

    /// <summary>
    /// The lines of a credit note cancelling <paramref name="chosen"/> (non-rule positions, checked by the
    /// caller) and the share of every rule line that adjusts them, numbered from 1 in the invoice's order.
    /// </summary>
    internal static List<InvoiceLine> NoteLines(IReadOnlyList<InvoiceLine> lines, IReadOnlySet<int> chosen, IReadOnlyDictionary<int, decimal> credited)
    {
        var result = new List<InvoiceLine>();
        foreach (var line in lines.OrderBy(l => l.Position))
        {
            if (chosen.Contains(line.Position))
            {
                result.Add(line with { Position = result.Count + 1, CreditsPosition = line.Position });
                continue;
            }
            if (!IsRuleLine(line)) continue;
            var services = ServiceLinesOf(line, lines);
            var now = services.Where(s => chosen.Contains(s.Position)).ToList();
            if (now.Count == 0) continue;
            var share = ShareOf(line, services, now, chosen, credited);
            if (share == 0) continue;
            var label = share == line.AmountHt ? line.Label
                : $"{line.Label} — part de la ligne{(now.Count > 1 ? "s" : "")} n° {string.Join(", ", now.Select(s => s.Position))}";
            result.Add(line with { Position = result.Count + 1, CreditsPosition = line.Position, Label = label, AmountHt = share });
        }
        return result;
    }

    /// <summary>
    /// The part of a rule line that goes with the service lines credited now: in proportion to their amount for
    /// the months the rule covers; all that is left of it once every service line it adjusts is credited.
    /// </summary>
    private static decimal ShareOf(InvoiceLine rule, IReadOnlyList<InvoiceLine> services, IReadOnlyList<InvoiceLine> now,
        IReadOnlySet<int> chosen, IReadOnlyDictionary<int, decimal> credited)
    {
        var left = rule.AmountHt - credited.GetValueOrDefault(rule.Position);
        if (services.All(s => chosen.Contains(s.Position) || credited.ContainsKey(s.Position))) return left;
        var total = services.Sum(s => WeightIn(rule, s));
        if (total == 0) return 0m;
        var nowWeight = now.Sum(s => WeightIn(rule, s));
        var share = Money.Round(rule.AmountHt * nowWeight / total);
        // Never more than what is left of the rule line, nor (for a deduction) more than the services' own amount.
        if (Math.Abs(share) > Math.Abs(left)) share = left;
        if (share < 0 && -share > nowWeight) share = -nowWeight;
        return share;
    }

    /// <summary>A service line's amount for the months a rule line covers (its amount is even over its months).</summary>
    private static decimal WeightIn(InvoiceLine rule, InvoiceLine service) =>
        service.AmountHt * OverlappingMonths(service, rule) / MonthCount(service);

    private static int MonthCount(InvoiceLine line) =>
        line.FromMonth is { } from && line.ToMonth is { } to ? MonthIndex(to) - MonthIndex(from) + 1 : 1;

    /// <summary>Months two lines have in common; lines without months (typed by hand) overlap wholly.</summary>
    private static int OverlappingMonths(InvoiceLine a, InvoiceLine b)
    {
        if (a.FromMonth is not { } aFrom || a.ToMonth is not { } aTo || b.FromMonth is not { } bFrom || b.ToMonth is not { } bTo)
            return 1;
        return Math.Max(0, Math.Min(MonthIndex(aTo), MonthIndex(bTo)) - Math.Max(MonthIndex(aFrom), MonthIndex(bFrom)) + 1);
    }

    private static int MonthIndex(DateOnly month) => month.Year * 12 + month.Month - 1;
}
