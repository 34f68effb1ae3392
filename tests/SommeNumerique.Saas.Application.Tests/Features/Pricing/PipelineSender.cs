using System.Reflection;
using Mediator;
using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Tests.Features.Billing;

namespace SommeNumerique.Saas.Application.Tests.Features.Pricing;

/// <summary>
/// An <see cref="ISender"/> that sends <see cref="PriceCharge"/> through the real rules in the order of
/// <see cref="ChargeRules.InOrder"/> (<see cref="ChargeBuilder.PriceAsync"/>), so that <c>SubscriptionQuotes</c>
/// prices its first-invoice estimate as in production, without the Web project. Any other message fails.
/// </summary>
public class PipelineSender : DispatchProxy
{
    public static ISender Create() => Create<ISender, PipelineSender>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        args is [PriceCharge charge, ..]
            ? new ValueTask<ChargeResult>(ChargeBuilder.PriceAsync(charge.Input))
            : throw new NotSupportedException($"PipelineSender sends PriceCharge only, not {targetMethod?.Name}({args?.FirstOrDefault()?.GetType().Name}).");
}
