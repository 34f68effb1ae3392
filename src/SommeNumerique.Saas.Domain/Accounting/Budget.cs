namespace SommeNumerique.Saas.Domain.Accounting;

/// <summary>
/// The syndicate's two budgets (seed 002). Every catalogue item belongs to one; a billing run gives a tenant
/// one document per budget, each budget has its own document series, identifiers with the comptable public
/// (SIRET, CodCol, CodBud) and PES flows.
/// </summary>
public enum Budget
{
    /// <summary>Budget principal: statutory contributions (cotisations) and ENT; M57 since 2024; out of VAT scope.</summary>
    Principal = 1,
    /// <summary>Budget annexe (SPIC, M4, kept HT): every other service, 20 % VAT.</summary>
    Annexe = 2,
}

/// <summary>The accounting instruction a budget follows (nomenclature budgétaire et comptable).</summary>
public enum Nomenclature
{
    /// <summary>M57, the unified instruction of local authorities (budget principal since 1 January 2024).</summary>
    M57 = 1,
    /// <summary>M4, the instruction of industrial and commercial public services (SPIC: budget annexe).</summary>
    M4 = 2,
}

public static class Budgets
{
    public static IReadOnlyList<Budget> All { get; } = [Budget.Principal, Budget.Annexe];

    /// <summary>"Budget principal" / "Budget annexe".</summary>
    public static string Label(this Budget budget) => budget switch
    {
        Budget.Principal => "Budget principal",
        Budget.Annexe => "Budget annexe",
        _ => throw new ArgumentOutOfRangeException(nameof(budget), budget, null),
    };

    /// <summary>Short code used in file names and CSV exports: BP / BA.</summary>
    public static string Code(this Budget budget) => budget switch
    {
        Budget.Principal => "BP",
        Budget.Annexe => "BA",
        _ => throw new ArgumentOutOfRangeException(nameof(budget), budget, null),
    };
}
