using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>10. Rounding: each line to the cent, half away from zero (VAT is then computed per invoice and rate on rounded lines).</summary>
public sealed class RoundingRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        foreach (var line in sheet.Lines) line.AmountHt = Money.Round(line.AmountHt);
    }
}
