using System.Globalization;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>
/// Prices an offer for a tenant: pure, no I/O. The tariff version and the price list are those in force on
/// the first day of the month of <c>date</c>; per-inhabitant amounts use the population recorded for that
/// year, then the floor and cap; VAT is computed on the rounded HT amount; TTC = HT + VAT.
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
        return version.Model switch
        {
            PricingModel.PerInhabitantPerYear => PerInhabitant(quote, version, tenant, day),
            _ => PerUnit(quote, version, list, quantity),
        };
    }

    private static PriceQuote PerUnit(PriceQuote quote, TariffVersion version, PriceList list, int quantity)
    {
        if (version.UnitPrice(list) is not { } unitPrice)
            return quote with { Eligible = false, Reason = quote.Reason ?? "Cette offre n'a pas de tarif non-membre : elle est réservée aux membres et aux communes des EPCI membres." };

        var annual = Money.Round(unitPrice * quantity);
        return WithAmounts(quote, unitPrice, annual, annual, adjustment: null) with
        {
            SetupFee = version.SetupFee is { } fee ? SetupFeeFor(fee, list, quantity, version.Vat.Rate()) : null,
        };
    }

    private static PriceQuote PerInhabitant(PriceQuote quote, TariffVersion version, Tenant tenant, DateOnly day)
    {
        if (version.RateFor(tenant) is not { } rate)
            return quote with { Eligible = false, Reason = quote.Reason ?? $"Ce tarif ne prévoit pas de taux pour : {tenant.Kind.Label().ToLowerInvariant()}." };
        if (tenant.PopulationFor(day.Year) is not { } population)
            return quote with { Eligible = false, Reason = quote.Reason ?? $"La population légale {day.Year} de la collectivité n'est pas enregistrée : elle est nécessaire pour ce tarif." };

        var computed = Money.Round(rate * population);
        var annual = computed;
        PriceAdjustment? adjustment = null;
        if (version.Floor is { } floor && computed < floor)
        {
            annual = floor;
            adjustment = new PriceAdjustment($"Minimum de perception ({FrenchText.Euros(floor)} HT)", floor - computed);
        }
        else if (version.Cap is { } cap && computed > cap)
        {
            annual = cap;
            adjustment = new PriceAdjustment($"Plafond ({FrenchText.Euros(cap)} HT)", cap - computed);
        }
        return WithAmounts(quote, rate, computed, annual, adjustment) with { Population = population };
    }

    private static PriceQuote WithAmounts(PriceQuote quote, decimal unitPrice, decimal baseHt, decimal annualHt, PriceAdjustment? adjustment)
    {
        var vat = Money.Round(annualHt * quote.VatRate);
        return quote with
        {
            UnitPriceHt = unitPrice,
            BaseHt = baseHt,
            Adjustment = adjustment,
            AnnualHt = annualHt,
            AnnualVat = vat,
            AnnualTtc = annualHt + vat,
            MonthlyHt = Money.Round(annualHt / 12m),
        };
    }

    private static SetupFeeQuote SetupFeeFor(SetupFee fee, PriceList list, int quantity, decimal vatRate)
    {
        var blocks = fee.BlocksFor(quantity);
        var unit = fee.AmountFor(list);
        var amount = Money.Round(blocks * unit);
        var vat = Money.Round(amount * vatRate);
        return new SetupFeeQuote(blocks, fee.BlockSize, unit, amount, vat, amount + vat);
    }

    private static string QuantityRule(Offer offer) => offer.MaxQuantity is { } max
        ? $"La quantité doit être comprise entre {offer.MinQuantity} et {max}."
        : $"La quantité doit être d'au moins {offer.MinQuantity}.";
}
