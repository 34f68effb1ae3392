using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Catalogue.Admin;

/// <summary>
/// Staff: records a tariff voted by a deliberation for an offer, in force from a date (today, or scheduled
/// later). History is append-only: a version in force is never changed.
/// </summary>
public static class AddTariffVersion
{
    public sealed record Body
    {
        public string? DeliberationBody { get; init; }
        public DateOnly? DeliberationDate { get; init; }
        public string? DeliberationReference { get; init; }
        public DateOnly? EffectiveFrom { get; init; }
        /// <summary>perUnitPerYear, perInhabitantPerYear or flatPerSitePerYear.</summary>
        public string? Model { get; init; }
        /// <summary>standard (20 %) or outOfScope.</summary>
        public string? Vat { get; init; }
        public decimal? MemberPrice { get; init; }
        public decimal? NonMemberPrice { get; init; }
        public int? SetupFeeBlockSize { get; init; }
        public decimal? SetupFeeMember { get; init; }
        public decimal? SetupFeeNonMember { get; init; }
        public decimal? Floor { get; init; }
        public decimal? Cap { get; init; }
        public decimal? CommuneRate { get; init; }
        public decimal? EpciRate { get; init; }
        public decimal? DepartementRate { get; init; }
        public IReadOnlyList<PayerRateView>? PayerRates { get; init; }
    }

    [SentBy(Caller.Staff)]
    public sealed record Command(string OfferCode, Body Body) : ICommand<TariffVersionView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.DeliberationBody).NotEmpty().WithMessage("Indiquez l'instance qui a délibéré (Comité syndical, Bureau...).").MaximumLength(100);
            RuleFor(c => c.Body.DeliberationReference).NotEmpty().WithMessage("Indiquez la référence de la délibération.").MaximumLength(300);
            RuleFor(c => c.OfferCode).XmlSafeText();
            RuleFor(c => c.Body.DeliberationBody).XmlSafeText();
            RuleFor(c => c.Body.DeliberationReference).XmlSafeText();
            RuleFor(c => c.Body.Model).XmlSafeText();
            RuleFor(c => c.Body.Vat).XmlSafeText();
            RuleForEach(c => c.Body.PayerRates).ChildRules(rate =>
            {
                rate.RuleFor(r => r.Siren).XmlSafeText();
                rate.RuleFor(r => r.PayerName).XmlSafeText();
            });
            RuleFor(c => c.Body.EffectiveFrom).NotNull().WithMessage("Indiquez la date d'entrée en vigueur.");
            RuleFor(c => c.Body.Model).NotEmpty().WithMessage("Indiquez le mode de tarification.")
                .Must(CatalogueItemFields.IsOneOf<PricingModel>).WithMessage("Mode de tarification inconnu : perUnitPerYear, perInhabitantPerYear ou flatPerSitePerYear.");
            RuleFor(c => c.Body.Vat).NotEmpty().WithMessage("Indiquez le régime de TVA.")
                .Must(CatalogueItemFields.IsOneOf<VatCategory>).WithMessage("Régime de TVA inconnu : standard ou outOfScope.");
            RuleFor(c => c.Body.MemberPrice).GreaterThan(0).WithMessage("Le prix membre doit être strictement positif.")
                .PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage("Un prix s'exprime en euros et centimes (2 décimales au plus).");
            RuleFor(c => c.Body.NonMemberPrice).GreaterThan(0).WithMessage("Le prix non-membre doit être strictement positif.")
                .PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage("Un prix s'exprime en euros et centimes (2 décimales au plus).");
            RuleFor(c => c.Body.SetupFeeMember).PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage("Un montant s'exprime en euros et centimes (2 décimales au plus).");
            RuleFor(c => c.Body.SetupFeeNonMember).PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage("Un montant s'exprime en euros et centimes (2 décimales au plus).");
            RuleFor(c => c.Body.Floor).PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage("Un montant s'exprime en euros et centimes (2 décimales au plus).");
            RuleFor(c => c.Body.Cap).PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage("Un montant s'exprime en euros et centimes (2 décimales au plus).");
            RuleForEach(c => new[] { c.Body.CommuneRate, c.Body.EpciRate, c.Body.DepartementRate }).PrecisionScale(18, 4, ignoreTrailingZeros: true)
                .OverridePropertyName("rate").WithMessage("Un taux par habitant a 4 décimales au plus.");
            RuleFor(c => c.Body.Floor).GreaterThanOrEqualTo(0).WithMessage("Le minimum ne peut pas être négatif.");
            RuleFor(c => c.Body.Cap).GreaterThanOrEqualTo(0).WithMessage("Le plafond ne peut pas être négatif.")
                .GreaterThanOrEqualTo(c => c.Body.Floor).When(c => c.Body.Floor is not null && c.Body.Cap is not null)
                .WithMessage("Le plafond doit être supérieur ou égal au minimum.");
            RuleFor(c => c.Body.SetupFeeBlockSize).GreaterThanOrEqualTo(1).WithMessage("La tranche compte au moins 1 unité.");
            RuleFor(c => c.Body.SetupFeeMember).NotNull().GreaterThan(0).When(c => c.Body.SetupFeeBlockSize is not null)
                .WithMessage("Indiquez les frais de mise en service membres (strictement positifs).");
            RuleFor(c => c.Body.SetupFeeNonMember).NotNull().GreaterThan(0).When(c => c.Body.SetupFeeBlockSize is not null)
                .WithMessage("Indiquez les frais de mise en service non-membres (strictement positifs).");
            RuleFor(c => c.Body.CommuneRate).GreaterThan(0).WithMessage("Le taux par habitant doit être strictement positif.");
            RuleFor(c => c.Body.EpciRate).GreaterThan(0).WithMessage("Le taux par habitant doit être strictement positif.");
            RuleFor(c => c.Body.DepartementRate).GreaterThan(0).WithMessage("Le taux par habitant doit être strictement positif.");
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping) : ICommandHandler<Command, TariffVersionView>
    {
        public async ValueTask<TariffVersionView> Handle(Command command, CancellationToken cancellationToken)
        {
            var (_, offer) = await db.ItemWithOfferAsync(command.OfferCode, cancellationToken);
            var t = command.Body;
            var version = TariffVersion.Create(new TariffTerms
            {
                Deliberation = new Deliberation(t.DeliberationBody!, t.DeliberationDate, t.DeliberationReference!),
                EffectiveFrom = t.EffectiveFrom!.Value,
                Model = CatalogueItemFields.Parse<PricingModel>(t.Model)!.Value,
                Vat = CatalogueItemFields.Parse<VatCategory>(t.Vat)!.Value,
                MemberPrice = t.MemberPrice,
                NonMemberPrice = t.NonMemberPrice,
                SetupFee = t.SetupFeeBlockSize is { } block ? new SetupFee(block, t.SetupFeeMember!.Value, t.SetupFeeNonMember!.Value) : null,
                Floor = t.Floor,
                Cap = t.Cap,
                CommuneRate = t.CommuneRate,
                EpciRate = t.EpciRate,
                DepartementRate = t.DepartementRate,
                PayerRates = (t.PayerRates ?? []).Select(p => new PayerRate(p.Siren, p.PayerName, p.Rate)).ToList(),
            });
            offer.AddVersion(version);
            var view = version.Adapt<TariffVersionView>(mapping);
            audit.Record(CatalogueAudit.Area, "AddTariffVersion", offer.Code, before: null, after: view, justification: version.Deliberation.ToString());
            return view;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder admin) =>
        admin.MapPost("/catalogue/offers/{offerCode}/tariffs", async (string offerCode, Body tariff, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(offerCode, tariff), ct)))
            .RequireCallerOf<Command>()
            .WithName("AddTariffVersion")
            .WithSummary("Enregistrer un tarif voté (délibération, date d'effet) pour une offre.");
}
