using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>9. VAT category of each line: that of its tariff (20 %, or out of the VAT scope: "TVA non applicable").</summary>
public sealed class VatRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        foreach (var line in sheet.Lines)
        {
            line.VatCategory = line.Version.Vat;
            line.VatRate = line.Version.Vat.Rate();
        }
    }
}
