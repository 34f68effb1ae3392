namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>
/// The délibération (decision of the Comité syndical or the Bureau) that adopted a tariff: which body,
/// on which date, under which reference. Every tariff version names one: nothing unvoted is a tariff.
/// </summary>
public sealed record Deliberation(string Body, DateOnly Date, string Reference)
{
    public override string ToString() => $"{Body} du {Date:dd/MM/yyyy} — {Reference}";
}
