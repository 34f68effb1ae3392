using FluentValidation;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Application.Features.Catalogue.Admin;

/// <summary>The editable description and rules of a catalogue item (create and update share them).</summary>
public sealed record CatalogueItemFields
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? UnitLabel { get; init; }
    public string? Source { get; init; }
    public string? NatureAccount { get; init; }
    public bool FirstYearFree { get; init; }
    /// <summary>none, membersAndTheirCommunes or directMembersOnly.</summary>
    public string? Membership { get; init; }
    public int? MaxWorkstationsExclusive { get; init; }
    /// <summary>Tenant kinds allowed (Commune, CommunauteCommunes...); empty for all.</summary>
    public IReadOnlyList<string>? AllowedKinds { get; init; }
    /// <summary>calendarYear or schoolYear.</summary>
    public string? BillingAlignment { get; init; }
    public bool EpciMaySubscribeForCommunes { get; init; }
    public IReadOnlyList<ComponentView>? Components { get; init; }

    internal void ApplyTo(CatalogueItem item, string code)
    {
        item.Describe(code, Name!, Description, UnitLabel!, Source);
        item.SetAccounting(NatureAccount!);
        item.SetRules(FirstYearFree,
            new EligibilityRules(
                Parse<MembershipRequirement>(Membership) ?? MembershipRequirement.None,
                MaxWorkstationsExclusive,
                AllowedKinds is { Count: > 0 } kinds ? kinds.Select(k => Parse<TenantKind>(k)!.Value).ToList() : null),
            Parse<BillingAlignment>(BillingAlignment) ?? Domain.Billing.BillingAlignment.CalendarYear,
            EpciMaySubscribeForCommunes);
        item.SetComponents((Components ?? []).Select(c => new ServiceComponent(c.Code, c.Name, c.CommitmentMonths)));
    }

    internal static T? Parse<T>(string? value) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null : Enum.Parse<T>(value, ignoreCase: true);

    internal static bool IsOneOf<T>(string? value) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) || (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _));

    public sealed class Validator : AbstractValidator<CatalogueItemFields>
    {
        public Validator()
        {
            RuleFor(f => f.Name).NotEmpty().WithMessage("Le nom du service est obligatoire.").MaximumLength(200);
            RuleFor(f => f.UnitLabel).NotEmpty().WithMessage("L'unité de facturation est obligatoire (coffre, agent, site...).").MaximumLength(100);
            RuleFor(f => f.Description).MaximumLength(2000);
            RuleFor(f => f.Name).XmlSafeText();
            RuleFor(f => f.Description).XmlSafeText();
            RuleFor(f => f.UnitLabel).XmlSafeText();
            RuleFor(f => f.Source).XmlSafeText();
            RuleFor(f => f.NatureAccount).XmlSafeText();
            RuleFor(f => f.Membership).XmlSafeText();
            RuleFor(f => f.BillingAlignment).XmlSafeText();
            RuleForEach(f => f.AllowedKinds).XmlSafeText();
            RuleFor(f => f.Source).MaximumLength(500);
            RuleFor(f => f.NatureAccount).NotEmpty().WithMessage("Le compte de nature est obligatoire (ex. 706).")
                .Matches("^[0-9]{2,10}$").WithMessage("Le compte de nature est un numéro de 2 à 10 chiffres (ex. 706).");
            RuleFor(f => f.Membership).Must(IsOneOf<MembershipRequirement>)
                .WithMessage("Condition d'adhésion inconnue : none, membersAndTheirCommunes ou directMembersOnly.");
            RuleFor(f => f.MaxWorkstationsExclusive).GreaterThan(0).WithMessage("La limite de postes doit être d'au moins 1.");
            RuleForEach(f => f.AllowedKinds).Must(IsOneOf<TenantKind>).WithMessage("Type de collectivité inconnu : {PropertyValue}.");
            RuleFor(f => f.BillingAlignment).Must(IsOneOf<BillingAlignment>)
                .WithMessage("Période de facturation inconnue : calendarYear ou schoolYear.");
            RuleForEach(f => f.Components).ChildRules(c =>
            {
                c.RuleFor(x => x.Code).NotEmpty().WithMessage("Chaque composant a un code.");
                c.RuleFor(x => x.Name).NotEmpty().WithMessage("Chaque composant a un nom.");
                c.RuleFor(x => x.Code).XmlSafeText();
                c.RuleFor(x => x.Name).XmlSafeText();
                c.RuleFor(x => x.CommitmentMonths).InclusiveBetween(0, 120).WithMessage("Un engagement va de 0 à 120 mois.");
            });
        }
    }
}
