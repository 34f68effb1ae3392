using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>
/// 3. Tariff version: each month is priced with the version in force on its first day, at the price of its
/// price list (per-unit and flat models; per inhabitant, the proration rule prices it). No tariff, or no price
/// for the list (the version's pricing strategy says): the charge is set aside.
/// </summary>
public sealed class TariffVersionRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        foreach (var month in sheet.Months)
        {
            var version = input.Offer.VersionInForceOn(month.Month);
            if (version is null)
            {
                sheet.SetAside($"{input.Offer.Code} : aucun tarif voté n'est en vigueur au {FrenchText.Day(month.Month)}.");
                return;
            }
            if (PricingStrategies.For(version.Model).UnitPriceOf(version, month.PriceList) is not { } unitPrice)
            {
                sheet.SetAside(BillingText.Unpriced(PricingFailure.NoPriceForList, input, month));
                return;
            }
            month.Version = version;
            month.AnnualUnitPrice = unitPrice;
        }
    }
}
