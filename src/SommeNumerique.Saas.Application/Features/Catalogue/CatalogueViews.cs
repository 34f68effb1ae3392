using Mapster;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Catalogue;

// What the catalogue endpoints and pages return. Enums travel as their names (camelCase in JSON).

public sealed record DeliberationView(string Body, DateOnly? Date, string Reference);

public sealed record SetupFeeView(int BlockSize, decimal MemberAmount, decimal NonMemberAmount);

public sealed record PayerRateView(string Siren, string PayerName, decimal Rate);

public sealed record TariffVersionView(
    Guid Id, DeliberationView Deliberation, DateOnly EffectiveFrom, string Model, string Vat,
    decimal? MemberPrice, decimal? NonMemberPrice, SetupFeeView? SetupFee, decimal? Floor, decimal? Cap,
    decimal? CommuneRate, decimal? EpciRate, decimal? DepartementRate, IReadOnlyList<PayerRateView> PayerRates);

public sealed record OfferView(
    Guid Id, string Code, string Name, string? Description, bool IsPublished, int MinQuantity, int? MaxQuantity,
    IReadOnlyList<TariffVersionView> Versions);

public sealed record ComponentView(string Code, string Name, int CommitmentMonths);

public sealed record EligibilityView(string Membership, int? MaxWorkstationsExclusive, IReadOnlyList<string>? AllowedKinds);

public sealed record CatalogueItemView(
    Guid Id, string Code, string Name, string? Description, string UnitLabel, string? Source, bool FirstYearFree,
    EligibilityView Eligibility, string BillingAlignment, bool EpciMaySubscribeForCommunes, string NatureAccount,
    int CommitmentMonths, IReadOnlyList<ComponentView> Components, IReadOnlyList<OfferView> Offers);

/// <summary>A resolved price, as the tenant sees it.</summary>
public sealed record PriceView(
    string OfferCode, DateOnly PricedOn, bool Eligible, string? Reason, string PriceList, string PriceListReason,
    bool Priced, string? Model, int Quantity, int? Population, decimal? UnitPriceHt, decimal? BaseHt,
    string? AdjustmentLabel, decimal? AdjustmentHt, decimal? AnnualHt, decimal VatRate, string? VatMention,
    decimal? AnnualVat, decimal? AnnualTtc, decimal? MonthlyHt, SetupFeeQuote? SetupFee, DeliberationView? Deliberation)
{
    public static PriceView From(PriceQuote q) => new(
        q.OfferCode, q.PricedOn, q.Eligible, q.Reason, q.PriceList == Domain.Catalogue.PriceList.Member ? "member" : "nonMember",
        q.PriceListReason, q.Priced, q.Version?.Model.ToString(), q.Quantity, q.Population, q.UnitPriceHt, q.BaseHt,
        q.Adjustment?.Label, q.Adjustment?.AmountHt, q.AnnualHt, q.VatRate, q.Version?.Vat.Mention(), q.AnnualVat,
        q.AnnualTtc, q.MonthlyHt, q.SetupFee,
        q.Version is { } v ? new DeliberationView(v.Deliberation.Body, v.Deliberation.Date, v.Deliberation.Reference) : null);
}

/// <summary>Mapster maps of the catalogue aggregate to its views (compiled in a test).</summary>
public sealed class CatalogueMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<TariffVersion, TariffVersionView>()
            .Map(d => d.Model, s => s.Model.ToString())
            .Map(d => d.Vat, s => s.Vat.ToString());
        config.NewConfig<Offer, OfferView>()
            .Map(d => d.Versions, s => s.Versions.OrderBy(v => v.EffectiveFrom));
        config.NewConfig<EligibilityRules, EligibilityView>()
            .Map(d => d.Membership, s => s.Membership.ToString())
            .Map(d => d.AllowedKinds, s => s.AllowedKinds == null ? null : s.AllowedKinds.Select(k => k.ToString()).ToList());
        config.NewConfig<CatalogueItem, CatalogueItemView>()
            .Map(d => d.BillingAlignment, s => s.BillingAlignment.ToString())
            .Map(d => d.Offers, s => s.Offers.OrderBy(o => o.Code));
    }
}
