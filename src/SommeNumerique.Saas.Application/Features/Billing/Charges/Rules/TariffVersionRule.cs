using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>
/// 3. Tariff version: each month is priced with the version in force on its first day, at the price of its
/// price list (per-unit and flat models). No tariff, or no price for the list: the charge is set aside.
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
            if (version.Model != PricingModel.PerInhabitantPerYear && version.UnitPrice(month.PriceList) is null)
            {
                sheet.SetAside($"{input.Offer.Code} : le tarif en vigueur au {FrenchText.Day(month.Month)} n'a pas de prix "
                    + (month.PriceList == PriceList.Member ? "membre." : "non-membre (offre réservée aux membres)."));
                return;
            }
            month.Version = version;
            month.AnnualUnitPrice = version.UnitPrice(month.PriceList) ?? 0m;
        }
    }
}
