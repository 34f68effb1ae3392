using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

/// <summary>
/// 1. Eligibility: the months of the range in which the subscription is in service (every started month is
/// due), and whether the tenant still stands for the item (membership, kind of tenant) on the first of them;
/// a charge that does not stand is set aside with the reason, for staff to check, and not billed.
/// </summary>
public sealed class EligibilityRule : ChargeRule
{
    public override void Apply(ChargeInput input, ChargeSheet sheet)
    {
        var subscription = input.Subscription;
        for (var month = input.FromMonth; month <= input.ToMonth; month = month.AddMonths(1))
        {
            var lastDay = month.AddMonths(1).AddDays(-1);
            if (subscription.StartDate > lastDay || subscription.TerminationDate < month) continue;
            sheet.Months.Add(new ChargeMonth(month));
        }
        if (sheet.Months.Count == 0) return;

        var first = sheet.Months[0].Month;
        var standing = input.Item.Eligibility.CheckStanding(
            input.Tenant, MemberPricing.AppliesOn(first, input.Tenant, input.EpciById), first);
        if (standing is { Reason: { } reason }) sheet.SetAside($"{input.Offer.Code} : {reason}");
    }
}
