using Mediator;

namespace SommeNumerique.Saas.Application.Features.Billing.Charges;

/// <summary>
/// One rule of the billing pipeline: a Mediator pipeline behaviour that fills in its part of the charge
/// sheet, then passes on. Once a rule sets the charge aside, the following ones do nothing.
/// </summary>
public abstract class ChargeRule : IPipelineBehavior<PriceCharge, ChargeResult>
{
    public ValueTask<ChargeResult> Handle(PriceCharge message, MessageHandlerDelegate<PriceCharge, ChargeResult> next, CancellationToken cancellationToken)
    {
        if (!message.Sheet.IsSetAside) Apply(message.Input, message.Sheet);
        return next(message, cancellationToken);
    }

    /// <summary>The rule itself, pure: reads the input and the sheet, writes the sheet.</summary>
    public abstract void Apply(ChargeInput input, ChargeSheet sheet);
}
