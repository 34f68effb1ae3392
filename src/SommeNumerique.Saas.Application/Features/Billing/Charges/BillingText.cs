using System.Collections.Concurrent;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges;

/// <summary>The wording of invoice lines that is billing's own (dates and amounts: <see cref="FrenchText"/>).</summary>
public static class BillingText
{
    /// <summary>"12 mois du 01/01/2026 au 31/12/2026".</summary>
    public static string MonthRange(DateOnly firstMonth, DateOnly lastMonth, int count) =>
        MonthRanges.GetOrAdd((firstMonth, lastMonth, count),
            static k => $"{k.Count} mois du {FrenchText.Day(k.First)} au {FrenchText.Day(k.Last.AddMonths(1).AddDays(-1))}");

    // Few distinct ranges per period, written on most lines of a run: built once each.
    private static readonly ConcurrentDictionary<(DateOnly First, DateOnly Last, int Count), string> MonthRanges = new();

    public static string List(PriceList list) => list == PriceList.Member ? "tarif membre" : "tarif non-membre";

    /// <summary>Why a month cannot be priced, as the set-aside reason staff read on the run page.</summary>
    public static string Unpriced(PricingFailure failure, ChargeInput input, ChargeMonth month) => failure switch
    {
        PricingFailure.NoPriceForList => $"{input.Offer.Code} : le tarif en vigueur au {FrenchText.Day(month.Month)} n'a pas de prix "
            + (month.PriceList == PriceList.Member ? "membre." : "non-membre (offre réservée aux membres)."),
        PricingFailure.NoRateForTenant => $"{input.Offer.Code} : le tarif ne prévoit pas de taux pour {input.Tenant.Name}.",
        PricingFailure.PopulationNotRecorded => $"{input.Offer.Code} : la population légale {month.Month.Year} de {input.Tenant.Name} n'est pas enregistrée ; "
            + "charge mise de côté : enregistrez la population de cette année (fiche de la collectivité ou import), aucune autre année n'est utilisée à sa place.",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };
}
