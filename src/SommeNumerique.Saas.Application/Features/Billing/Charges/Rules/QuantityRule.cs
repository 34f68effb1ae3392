using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>
/// 4. Quantity, month by month: the units in service on the month's last day of service (increases take
/// effect at once, so a started month is due at the new quantity), minus the units already billed for that
/// month. Per-inhabitant tariffs count one contribution per month, priced by the population. Months with
/// nothing left to bill are dropped.
/// </summary>
public sealed class QuantityRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        var subscription = input.Subscription;
        foreach (var month in sheet.Months)
        {
            var subscribed = month.Version!.Model == PricingModel.PerInhabitantPerYear
                ? 1
                : subscription.QuantityDueFor(month.Month);
            month.Units = subscribed - input.Billed.UnitsIn(month.Month);
        }
        sheet.Months.RemoveAll(m => m.Units <= 0);
    }
}
