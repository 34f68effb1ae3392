using SommeNumerique.Saas.Domain.Accounting;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// Configuration section <c>Budgets</c>: the identity of each of the syndicate's two budgets with the
/// comptable public (written in the <c>EnTetePES</c> of that budget's PES flows) and on the documents sent to
/// debtors (the ordonnateur who issues the titres, the court named in the voies et délais de recours).
/// Values to be confirmed by the treasury and the comptable public before production (README).
/// </summary>
public sealed class BudgetOptions
{
    public const string Section = "Budgets";

    public BudgetIdentity Principal { get; set; } = new() { Nomenclature = Nomenclature.M57 };
    public BudgetIdentity Annexe { get; set; } = new() { Nomenclature = Nomenclature.M4 };

    public BudgetIdentity For(Budget budget) => budget switch
    {
        Budget.Principal => Principal,
        Budget.Annexe => Annexe,
        _ => throw new ArgumentOutOfRangeException(nameof(budget), budget, null),
    };

    /// <summary>What is wrong with the configuration, in French, one entry per field (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var budget in Budgets.All)
        {
            var identity = For(budget);
            var name = $"{Section}:{budget}";
            if (identity.Siret is not { Length: 14 } siret || !siret.All(char.IsAsciiDigit) || !Luhn.IsValid(siret))
                problems.Add($"{name}:Siret « {identity.Siret} » n'est pas un SIRET valide (14 chiffres, clé de Luhn) : c'est l'IdColl du budget dans Hélios.");
            if (string.IsNullOrWhiteSpace(identity.CodCol) || identity.CodCol.Length > 3)
                problems.Add($"{name}:CodCol est obligatoire (3 caractères au plus).");
            if (string.IsNullOrWhiteSpace(identity.CodBud) || identity.CodBud.Length > 2)
                problems.Add($"{name}:CodBud est obligatoire (2 caractères au plus).");
            if (string.IsNullOrWhiteSpace(identity.Label) || identity.Label.Length > 38)
                problems.Add($"{name}:Label (LibelleColBud) est obligatoire (38 caractères au plus).");
        }
        if (Principal.CodBud == Annexe.CodBud && Principal.Siret == Annexe.Siret)
            problems.Add($"{Section}: les deux budgets ont le même SIRET et le même CodBud ; chacun a les siens chez le comptable.");
        return problems;
    }
}

/// <summary>One budget's identity (see <see cref="BudgetOptions"/>).</summary>
public sealed class BudgetIdentity
{
    /// <summary>Label of the collectivity and budget in Hélios (LibelleColBud, up to 38 characters).</summary>
    public string Label { get; set; } = "";
    public Nomenclature Nomenclature { get; set; }
    /// <summary>SIRET of the budget (IdColl, 14 digits, Luhn key).</summary>
    public string Siret { get; set; } = "";
    /// <summary>Collectivity code in Hélios (CodCol, up to 3 characters).</summary>
    public string CodCol { get; set; } = "";
    /// <summary>Budget code in Hélios (CodBud, up to 2 characters).</summary>
    public string CodBud { get; set; } = "";
    /// <summary>Whether the assembly votes this budget by function (M57 only): then PES lines carry a Fonction.</summary>
    public bool VotedByFunction { get; set; }
    /// <summary>The ordonnateur who issues the titres (CGCT L1617-5: nom, prénom et qualité), e.g. "Philippe VARLET".</summary>
    public string OrdonnateurName { get; set; } = "";
    /// <summary>The ordonnateur's position, e.g. "Président du syndicat mixte Somme Numérique".</summary>
    public string OrdonnateurPosition { get; set; } = "";
    /// <summary>The court named in the voies et délais de recours, e.g. "le tribunal administratif d'Amiens".</summary>
    public string AppealCourt { get; set; } = "";
}
