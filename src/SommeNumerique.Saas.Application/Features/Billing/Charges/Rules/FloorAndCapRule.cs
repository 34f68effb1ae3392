using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;
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
            var limit = FloorAndCap.For(line.Version, PricingStrategy.BaseHt(line.UnitPriceHt!.Value, line.Quantity!.Value));
            if (limit.Kind != PriceLimitKind.None) sheet.Lines.Add(Adjustment(line, limit));
        }
    }

    private static ChargeLine Adjustment(ChargeLine service, PriceLimit limit) => new()
    {
        Kind = ChargeLineKind.FloorOrCap,
        Label = $"{limit.Name} ({FrenchText.Euros(limit.Amount)} HT par an), {BillingText.MonthRange(service.FromMonth, service.ToMonth, service.MonthCount)}",
        Version = service.Version,
        FromMonth = service.FromMonth,
        ToMonth = service.ToMonth,
        MonthCount = service.MonthCount,
        PriceList = service.PriceList,
        AmountHt = MonthlyShare.Of(limit.DifferenceHt, service.MonthCount),
    };
}
