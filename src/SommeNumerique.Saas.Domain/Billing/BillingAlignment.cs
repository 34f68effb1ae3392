namespace SommeNumerique.Saas.Domain.Billing;

/// <summary>How billing periods of an item are cut (see <see cref="BillingPeriod"/>).</summary>
public enum BillingAlignment
{
    /// <summary>1 January to 31 December.</summary>
    CalendarYear = 1,
    /// <summary>1 September to 31 August (school workspace, ENT).</summary>
    SchoolYear = 2,
}
