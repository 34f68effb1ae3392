using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>
/// 6. First-year gratuity: the months billed up to the end of the free year (first subscription of the
/// tenant to the item; units added during the free months are free too) are given back by a line
/// "Gratuité première année", so the invoice shows both the service and the gift.
/// </summary>
public sealed class FirstYearGratuityRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        if (input.Subscription.GratuityEndsOn is not { } freeUntil) return;
        var free = sheet.Months.Where(m => m.Month <= freeUntil).ToList();
        if (free.Count == 0) return;
        var amount = free.Sum(m => m.AmountHt);
        sheet.Lines.Add(new ChargeLine
        {
            Kind = ChargeLineKind.FirstYearGratuity,
            Label = $"Gratuité première année ({free.Count} mois, jusqu'au {FrenchText.Day(freeUntil)})",
            Version = free[0].Version!,
            FromMonth = free[0].Month,
            ToMonth = free[^1].Month,
            MonthCount = free.Count,
            PriceList = free[0].PriceList,
            AmountHt = -amount,
        });
    }
}
