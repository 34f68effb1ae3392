using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>
/// 2. Price list, month by month: member prices when, on the first day of the month, the tenant is a member
/// or a commune of a member EPCI; non-member prices otherwise.
/// </summary>
public sealed class PriceListRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        foreach (var month in sheet.Months)
            month.PriceList = MemberPricing.AppliesOn(month.Month, input.Tenant, input.EpciById) ? PriceList.Member : PriceList.NonMember;
    }
}
