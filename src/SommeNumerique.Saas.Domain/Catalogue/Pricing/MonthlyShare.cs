namespace SommeNumerique.Saas.Domain.Catalogue.Pricing;

/// <summary>Proration by month: an annual amount is due a twelfth per month (the annual price is authoritative).</summary>
public static class MonthlyShare
{
    /// <summary><paramref name="annualHt"/> × <paramref name="months"/> / 12, not rounded: each invoice line is rounded once, at the end.</summary>
    public static decimal Of(decimal annualHt, int months) => annualHt * months / 12m;
}
