using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>
/// 5. Proration by month: each due month costs a twelfth of the annual price of its units, as the version's
/// pricing strategy computes it (per inhabitant: rate × population of the month's year, rounded, before floor
/// and cap). Consecutive months with the same tariff, price list and units make one service line:
/// "10 × coffre, tarif membre, 12 mois du … au …".
/// </summary>
public sealed class ProrationRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        ChargeMonth? previous = null;
        foreach (var month in sheet.Months)
        {
            // The price rarely changes within a period: a month priced like the previous one reuses its figures.
            if (previous is not null && SamePrice(previous, month)) CopyPrice(previous, month);
            else if (!Price(input, sheet, month)) return;
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

    /// <summary>The month's price from its version's pricing strategy (population of the month's year); false when set aside.</summary>
    private static bool Price(ChargeInput input, ChargeSheet sheet, ChargeMonth month)
    {
        var version = month.Version!;
        var price = PricingStrategies.For(version.Model).Price(version, input.Tenant, month.PriceList, month.Units, month.Month.Year);
        if (!price.Priced)
        {
            sheet.SetAside(BillingText.Unpriced(price.Failure, input, month));
            return false;
        }
        if (price.PerInhabitant)
        {
            month.Rate = price.UnitPrice;
            month.Population = price.Quantity;
            month.AnnualUnitPrice = price.BaseHt; // one contribution a month (units = 1)
        }
        else
        {
            month.AnnualUnitPrice = price.UnitPrice;
        }
        month.AmountHt = MonthlyShare.Of(price.BaseHt, 1);
        return true;
    }

    private static bool SamePrice(ChargeMonth a, ChargeMonth b) =>
        a.Version == b.Version && a.PriceList == b.PriceList && a.Units == b.Units && a.Month.Year == b.Month.Year;

    private static void CopyPrice(ChargeMonth from, ChargeMonth to)
    {
        to.Rate = from.Rate;
        to.Population = from.Population;
        to.AnnualUnitPrice = from.AnnualUnitPrice;
        to.AmountHt = from.AmountHt;
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
