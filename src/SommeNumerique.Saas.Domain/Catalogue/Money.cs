namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>Euro amounts: decimal, rounded half away from zero to the cent (per line, as the rules say).</summary>
public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}

/// <summary>VAT treatment of a tariff (budget annexe services at 20 %, or out of the VAT scope).</summary>
public enum VatCategory
{
    /// <summary>Taux normal, 20 %.</summary>
    Standard = 1,
    /// <summary>Hors champ de la TVA (statutory contributions, school workspace contribution of the budget principal).</summary>
    OutOfScope = 2,
}

public static class VatCategories
{
    public static decimal Rate(this VatCategory category) => category switch
    {
        VatCategory.Standard => 0.20m,
        VatCategory.OutOfScope => 0m,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>What the invoice says about VAT for this category.</summary>
    public static string Mention(this VatCategory category) => category switch
    {
        VatCategory.Standard => "TVA 20 %",
        VatCategory.OutOfScope => "TVA non applicable",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
