using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>
/// 5. Proration by month: each due month costs a twelfth of the annual price of its units (per-inhabitant:
/// rate × population of the month's year, rounded as the annual amount). Consecutive months with the same
/// tariff, price list and units make one service line: "10 × coffre, tarif membre, 12 mois du … au …".
/// </summary>
public sealed class ProrationRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        ChargeMonth? previous = null;
        foreach (var month in sheet.Months)
        {
            var version = month.Version!;
            if (version.Model == PricingModel.PerInhabitantPerYear && !PricePerInhabitant(input, sheet, month, version)) return;
            // Decimal division is slow and the price rarely changes within a period: reuse the previous month's twelfth.
            month.AmountHt = previous is not null && previous.AnnualUnitPrice == month.AnnualUnitPrice && previous.Units == month.Units
                ? previous.AmountHt
                : month.AnnualUnitPrice * month.Units / 12m;
            previous = month;
        }

        var start = 0;
        for (var i = 1; i <= sheet.Months.Count; i++)
        {
            if (i < sheet.Months.Count && SameLine(sheet.Months[i - 1], sheet.Months[i])) continue;
            sheet.Lines.Add(ServiceLine(input, sheet.Months, start, i - start));
            start = i;
        }
    }

    private static bool PricePerInhabitant(ChargeInput input, ChargeSheet sheet, ChargeMonth month, TariffVersion version)
    {
        if (version.RateFor(input.Tenant) is not { } rate)
        {
            sheet.SetAside($"{input.Offer.Code} : le tarif ne prévoit pas de taux pour {input.Tenant.Name}.");
            return false;
        }
        if (input.Tenant.PopulationFor(month.Month.Year) is not { } population)
        {
            sheet.SetAside($"{input.Offer.Code} : la population légale {month.Month.Year} de {input.Tenant.Name} n'est pas enregistrée ; "
                + "charge mise de côté : enregistrez la population de cette année (fiche de la collectivité ou import), aucune autre année n'est utilisée à sa place.");
            return false;
        }
        month.Rate = rate;
        month.Population = population;
        month.AnnualUnitPrice = Money.Round(rate * population);
        return true;
    }

    /// <summary>Whether month <paramref name="b"/> continues the line of the month just before it, <paramref name="a"/>.</summary>
    private static bool SameLine(ChargeMonth a, ChargeMonth b) =>
        a.Version == b.Version && a.PriceList == b.PriceList && a.Units == b.Units
        && a.AnnualUnitPrice == b.AnnualUnitPrice && a.Month.AddMonths(1) == b.Month;

    private static ChargeLine ServiceLine(ChargeInput input, List<ChargeMonth> months, int start, int count)
    {
        var first = months[start];
        var last = months[start + count - 1];
        var amount = 0m;
        for (var i = start; i < start + count; i++) amount += months[i].AmountHt;
        var perInhabitant = first.Population is not null;
        var what = perInhabitant
            ? $"{FrenchText.Count(first.Population!.Value)} habitants × {FrenchText.Rate(first.Rate!.Value)}"
            : $"{first.Units} × {input.Item.UnitLabel}";
        return new ChargeLine
        {
            Kind = ChargeLineKind.Service,
            Label = $"{input.Offer.Name} — {what}, {BillingText.List(first.PriceList)}, {BillingText.MonthRange(first.Month, last.Month, count)}",
            Version = first.Version!,
            FromMonth = first.Month,
            ToMonth = last.Month,
            MonthCount = count,
            Units = first.Units,
            Quantity = perInhabitant ? first.Population : first.Units,
            UnitPriceHt = perInhabitant ? first.Rate : first.AnnualUnitPrice,
            PriceList = first.PriceList,
            AmountHt = amount,
        };
    }
}
