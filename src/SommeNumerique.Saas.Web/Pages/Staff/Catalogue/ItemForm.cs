using SommeNumerique.Saas.Application.Features.Catalogue;
using SommeNumerique.Saas.Application.Features.Catalogue.Admin;

namespace SommeNumerique.Saas.Web.Pages.Staff.Catalogue;

/// <summary>The item form of the staff pages, bound from HTML, turned into <see cref="CatalogueItemFields"/>.</summary>
public sealed class ItemForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? UnitLabel { get; set; }
    public string? Source { get; set; }
    public string? NatureAccount { get; set; } = "706";
    public bool FirstYearFree { get; set; }
    public string? Membership { get; set; } = "None";
    public int? MaxWorkstationsExclusive { get; set; }
    public string? BillingAlignment { get; set; } = "CalendarYear";
    public bool EpciMaySubscribeForCommunes { get; set; }
    public string? ComponentsText { get; set; }

    public static ItemForm From(CatalogueItemView item) => new()
    {
        Name = item.Name, Description = item.Description, UnitLabel = item.UnitLabel, Source = item.Source,
        NatureAccount = item.NatureAccount, FirstYearFree = item.FirstYearFree, Membership = item.Eligibility.Membership,
        MaxWorkstationsExclusive = item.Eligibility.MaxWorkstationsExclusive, BillingAlignment = item.BillingAlignment,
        EpciMaySubscribeForCommunes = item.EpciMaySubscribeForCommunes,
        ComponentsText = string.Join(Environment.NewLine, item.Components.Select(c => $"{c.Code} ; {c.Name} ; {c.CommitmentMonths}")),
    };

    /// <summary>The fields, or null with an error message when a component line cannot be read.</summary>
    public (CatalogueItemFields? Fields, string? Error) ToFields()
    {
        var components = new List<ComponentView>();
        var lines = (ComponentsText ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var (line, number) in lines.Select((l, i) => (l, i + 1)))
        {
            var parts = line.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !int.TryParse(parts[2], out var months))
                return (null, $"Ligne {number} des composants illisible : « {line} ». Format attendu : CODE ; nom ; mois.");
            components.Add(new ComponentView(parts[0], parts[1], months));
        }
        return (new CatalogueItemFields
        {
            Name = Name, Description = Description, UnitLabel = UnitLabel, Source = Source, NatureAccount = NatureAccount,
            FirstYearFree = FirstYearFree, Membership = Membership, MaxWorkstationsExclusive = MaxWorkstationsExclusive,
            BillingAlignment = BillingAlignment, EpciMaySubscribeForCommunes = EpciMaySubscribeForCommunes, Components = components,
        }, null);
    }
}
