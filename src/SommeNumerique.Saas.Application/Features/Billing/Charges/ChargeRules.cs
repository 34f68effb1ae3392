using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges;

/// <summary>
/// The billing pipeline's rules in the order they apply (README, Billing). Web/MediatorConfiguration.cs registers
/// the same list literally (the Mediator source generator reads <c>typeof</c> expressions only); a Web test keeps them equal.
/// </summary>
public static class ChargeRules
{
    public static readonly IReadOnlyList<Type> InOrder =
    [
        typeof(EligibilityRule),
        typeof(PriceListRule),
        typeof(TariffVersionRule),
        typeof(QuantityRule),
        typeof(ProrationRule),
        typeof(FirstYearGratuityRule),
        typeof(SetupFeeRule),
        typeof(FloorAndCapRule),
        typeof(VatRule),
        typeof(RoundingRule),
    ];

    /// <summary>One instance of each rule, in order (to run the pipeline without Mediator: tests, benchmarks).</summary>
    public static ChargeRule[] Create() => InOrder.Select(t => (ChargeRule)Activator.CreateInstance(t)!).ToArray();
}
