namespace SommeNumerique.Saas.Domain.Catalogue.Pricing;

public enum PriceLimitKind
{
    None = 0,
    /// <summary>Minimum de perception: the base was under the floor.</summary>
    Floor = 1,
    /// <summary>Plafond: the base was over the cap.</summary>
    Cap = 2,
}

/// <summary>A floor or cap that applies: its amount and the annual difference it makes (floor − base, or cap − base).</summary>
public readonly record struct PriceLimit(PriceLimitKind Kind, decimal Amount, decimal DifferenceHt)
{
    public static readonly PriceLimit None = default;

    /// <summary>"Minimum de perception" or "Plafond", as invoices and quotes name it.</summary>
    public string Name => Kind switch
    {
        PriceLimitKind.Floor => "Minimum de perception",
        PriceLimitKind.Cap => "Plafond",
        _ => "",
    };
}

/// <summary>The floor and cap of a per-inhabitant tariff (e.g. minimum 50 € HT, maximum 5 000 € HT a year).</summary>
public static class FloorAndCap
{
    /// <summary>The floor when <paramref name="baseHt"/> is under it, else the cap when over it, else none.</summary>
    public static PriceLimit For(TariffVersion version, decimal baseHt)
    {
        if (version.Floor is { } floor && baseHt < floor) return new(PriceLimitKind.Floor, floor, floor - baseHt);
        if (version.Cap is { } cap && baseHt > cap) return new(PriceLimitKind.Cap, cap, cap - baseHt);
        return PriceLimit.None;
    }
}
