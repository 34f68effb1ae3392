using System.Globalization;

namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>
/// The délibération (decision of the Comité syndical or the Bureau) that adopted a tariff: which body,
/// on which date, under which reference. Every tariff version names one: nothing unvoted is a tariff.
/// </summary>
/// <remarks><see cref="Date"/> is null when the source documents do not give the day (e.g. "Budget primitif 2019").</remarks>
public sealed record Deliberation(string Body, DateOnly? Date, string Reference)
{
    public override string ToString() =>
        Date is { } d ? $"{Body} du {FrenchText.Day(d)} — {Reference}" : $"{Body} — {Reference}";
}
