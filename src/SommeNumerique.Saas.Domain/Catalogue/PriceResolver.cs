using System.Globalization;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>
/// Prices an offer for a tenant: pure, no I/O. The tariff version and the price list are those in force on
/// the first day of the month of <c>date</c>; the arithmetic is the version's pricing strategy
/// (<see cref="PricingStrategies"/>, the same as billing's); VAT is computed on the rounded HT amount; TTC = HT + VAT.
/// </summary>
public static class PriceResolver
{
    /// <param name="epciById">Finds the EPCI a commune belonged to on the date (dated link); by default only <paramref name="parentEpci"/>.</param>
    public static PriceQuote Resolve(CatalogueItem item, Offer offer, Tenant tenant, Tenant? parentEpci, int quantity, DateOnly date,
        Func<Guid, Tenant?>? epciById = null)
    {
        var day = new DateOnly(date.Year, date.Month, 1);
        var membership = epciById is null ? MemberPricing.On(day, tenant, parentEpci) : MemberPricing.OnDate(day, tenant, epciById);
        var list = membership.MemberPrices ? PriceList.Member : PriceList.NonMember;
        var eligibility = item.Eligibility.Check(tenant, membership, day);
        if (quantity < offer.MinQuantity || quantity > offer.MaxQuantity)
            eligibility = EligibilityDecision.No(QuantityRule(offer));

        var quote = new PriceQuote
        {
            OfferCode = offer.Code,
            PricedOn = day,
            PriceList = list,
            PriceListReason = membership.Reason,
            Eligible = eligibility.Eligible,
            Reason = eligibility.Reason,
            Quantity = quantity,
        };

        var version = offer.VersionInForceOn(day);
        if (version is null)
            return quote with { Eligible = false, Reason = eligibility.Reason ?? $"Aucun tarif voté n'est en vigueur au {FrenchText.Day(day)}." };

        var vatRate = version.Vat.Rate();
        quote = quote with { Version = version, VatRate = vatRate };
        var price = PricingStrategies.For(version.Model).Price(version, tenant, list, quantity, day.Year);
        if (!price.Priced)
            return quote with { Eligible = false, Reason = quote.Reason ?? Unpriced(price.Failure, tenant, day.Year) };

        var annual = price.AnnualHt;
        var vat = Money.Round(annual * vatRate);
        return quote with
        {
            Population = price.PerInhabitant ? price.Quantity : null,
            UnitPriceHt = price.UnitPrice,
            BaseHt = price.BaseHt,
            Adjustment = price.Limit.Kind == PriceLimitKind.None
                ? null
                : new PriceAdjustment($"{price.Limit.Name} ({FrenchText.Euros(price.Limit.Amount)} HT)", price.Limit.DifferenceHt),
            AnnualHt = annual,
            AnnualVat = vat,
            AnnualTtc = annual + vat,
            MonthlyHt = Money.Round(MonthlyShare.Of(annual, 1)),
            SetupFee = version.SetupFee is { } fee ? SetupFeeFor(fee, list, quantity, vatRate) : null,
        };
    }

    /// <summary>The quote's wording of a tariff that cannot price the tenant (billing words its set-asides itself).</summary>
    private static string Unpriced(PricingFailure failure, Tenant tenant, int year) => failure switch
    {
        PricingFailure.NoPriceForList => "Cette offre n'a pas de tarif non-membre : elle est réservée aux membres et aux communes des EPCI membres.",
        PricingFailure.NoRateForTenant => $"Ce tarif ne prévoit pas de taux pour : {tenant.Kind.Label().ToLowerInvariant()}.",
        PricingFailure.PopulationNotRecorded => $"La population légale {year} de la collectivité n'est pas enregistrée : elle est nécessaire pour ce tarif.",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };

    private static SetupFeeQuote SetupFeeFor(SetupFee fee, PriceList list, int quantity, decimal vatRate)
    {
        var setup = SetupFeePricing.For(fee, list, quantity);
        var vat = Money.Round(setup.AmountHt * vatRate);
        return new SetupFeeQuote(setup.Blocks, setup.BlockSize, setup.UnitAmountHt, setup.AmountHt, vat, setup.AmountHt + vat);
    }

    private static string QuantityRule(Offer offer) => offer.MaxQuantity is { } max
        ? $"La quantité doit être comprise entre {offer.MinQuantity} et {max}."
        : $"La quantité doit être d'au moins {offer.MinQuantity}.";
}
