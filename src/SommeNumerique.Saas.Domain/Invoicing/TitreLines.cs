using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Domain.Invoicing;

/// <summary>
/// A line of the titre de recette (or of its reduction) that the comptable public takes in charge: the
/// document's lines of one subscription, account and VAT rate, netted. <see cref="Positions"/> are the
/// document lines it stands for, so a reduction can name the titre line it reduces.
/// </summary>
public sealed record TitreLine(
    int Number, string Label, string ItemCode, string NatureAccount, VatCategory VatCategory, decimal VatRate,
    decimal AmountHt, decimal AmountVat, DateOnly? FromMonth, DateOnly? ToMonth, IReadOnlyList<int> Positions)
{
    public decimal AmountTtc => AmountHt + AmountVat;
}

/// <summary>
/// The one home of the rule "a titre orders a payment: no line at zero or below". The debtor's document keeps
/// every line visible (the first-year gratuity, the floor, the cap); the titre carries, per subscription,
/// account and VAT rate, the net of those lines, and leaves out what nets to zero. The titre lines add up to
/// the document's totals (HT and VAT per rate), since only zero groups are left out.
/// </summary>
public static class TitreLines
{
    /// <summary>The netted lines of <paramref name="document"/>, numbered 1..n in the order of the document.</summary>
    public static IReadOnlyList<TitreLine> Of(Invoice document) => Net(document.Lines);

    /// <inheritdoc cref="Of"/>
    public static IReadOnlyList<TitreLine> Net(IEnumerable<InvoiceLine> lines)
    {
        var groups = lines.OrderBy(l => l.Position)
            // A line without subscription (none today) stays a group of its own.
            .GroupBy(l => (Subscription: l.SubscriptionId ?? Guid.Empty, Alone: l.SubscriptionId is null ? l.Position : 0,
                l.NatureAccount, l.VatCategory, l.VatRate))
            .Select(g => g.ToList())
            .Where(g => g.Sum(l => l.AmountHt) > 0)
            .ToList();
        // The VAT of each netted line, shared out by the rule of the document (each rate's VAT is unchanged).
        var netted = groups.Select((g, i) => g[0] with { Position = i + 1, AmountHt = g.Sum(l => l.AmountHt) }).ToList();
        var vat = InvoiceTotals.VatPerLine(netted);
        return groups.Select((g, i) =>
        {
            var main = g.FirstOrDefault(l => l.Kind == ChargeLineKind.Service) ?? g[0];
            return new TitreLine(i + 1, main.Label, main.ItemCode, main.NatureAccount, main.VatCategory, main.VatRate,
                netted[i].AmountHt, vat[i], g.Min(l => l.FromMonth), g.Max(l => l.ToMonth), g.Select(l => l.Position).ToList());
        }).ToList();
    }

    /// <summary>
    /// The line of the original titre that a credit-note line reduces: the one standing for the invoice line
    /// the credit-note line cancels (<see cref="InvoiceLine.CreditsPosition"/>); null when that line was netted
    /// out of the titre.
    /// </summary>
    public static TitreLine? Reduced(IReadOnlyList<TitreLine> originalTitre, InvoiceLine creditNoteLine) =>
        creditNoteLine.CreditsPosition is { } position ? originalTitre.FirstOrDefault(t => t.Positions.Contains(position)) : null;
}
