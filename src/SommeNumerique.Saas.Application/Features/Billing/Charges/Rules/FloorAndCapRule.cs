using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>
/// 8. Floor and cap of per-inhabitant tariffs: when rate × population is under the minimum (or over the
/// cap) of the year, a line "Minimum de perception" (or "Plafond") adds (or takes off) the difference, for
/// the months billed (a twelfth per month).
/// </summary>
public sealed class FloorAndCapRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        var count = sheet.Lines.Count;
        for (var i = 0; i < count; i++)
        {
            var line = sheet.Lines[i];
            if (line.Kind != ChargeLineKind.Service || line.Version.Model != PricingModel.PerInhabitantPerYear) continue;
            var computed = Money.Round(line.UnitPriceHt!.Value * line.Quantity!.Value);
            if (line.Version.Floor is { } floor && computed < floor)
                sheet.Lines.Add(Adjustment(line, "Minimum de perception", floor, floor - computed));
            else if (line.Version.Cap is { } cap && computed > cap)
                sheet.Lines.Add(Adjustment(line, "Plafond", cap, cap - computed));
        }
    }

    private static ChargeLine Adjustment(ChargeLine service, string name, decimal limit, decimal annualDifference) => new()
    {
        Kind = ChargeLineKind.FloorOrCap,
        Label = $"{name} ({FrenchText.Euros(limit)} HT par an), {BillingText.MonthRange(service.FromMonth, service.ToMonth, service.MonthCount)}",
        Version = service.Version,
        FromMonth = service.FromMonth,
        ToMonth = service.ToMonth,
        MonthCount = service.MonthCount,
        PriceList = service.PriceList,
        AmountHt = annualDifference * service.MonthCount / 12m,
    };
}
