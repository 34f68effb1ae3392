using FluentValidation;
using Mediator;

namespace SommeNumerique.Saas.Application.Common.Behaviors;

/// <summary>
/// Runs every FluentValidation validator of the message before its handler. Any failure stops the
/// request with a <see cref="ValidationException"/>, answered as RFC 9457 problem details (400) with
/// field errors; nothing has been changed at that point.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private readonly IValidator<TMessage>[] _validators = validators.ToArray();

    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        _validators.Length == 0 ? next(message, cancellationToken) : Validate(message, next, cancellationToken);

    private async ValueTask<TResponse> Validate(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        {
            var failures = new List<FluentValidation.Results.ValidationFailure>();
            foreach (var validator in _validators)
            {
                // One context per validator: a shared context accumulates failures and repeats them.
                var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
                failures.AddRange(result.Errors);
            }
            if (failures.Count > 0) throw new ValidationException(failures);
        }
        return await next(message, cancellationToken);
    }
}
