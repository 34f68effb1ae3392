using System.Runtime.CompilerServices;
using Mediator;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Application.Common.Authorization;

/// <summary>
/// Checks the request's <see cref="SentByAttribute"/> before the rest of the pipeline (tenant access, validation,
/// handler): an anonymous caller who should sign in gets <see cref="SignInRequiredException"/> (401), any other refused
/// caller <see cref="ForbiddenException"/> (403). A request without a declaration is refused (it is a bug, which
/// <c>RequestAuthorizationTests</c> catches first).
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user, ITenantContext tenantContext)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    // Read once per request type: each check is then a field read (PriceCharge is sent hundreds of thousands of times).
    private static readonly Caller? Declared = SentByAttribute.Of(typeof(TMessage));

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Declared is not Caller.Handler && (Declared is not { } caller || !Callers.Admit(caller, user, tenantContext)))
            Refuse(user);
        return next(message, cancellationToken);
    }

    // Thrown here, not inlined: a refusal's first frame names this behaviour (the tests tell it from a handler's).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Refuse(ICurrentUser user) =>
        throw (Declared is { } caller
            ? Callers.Refusal(caller, user)
            : new InvalidOperationException($"{typeof(TMessage).FullName} does not declare who may send it ([SentBy])."));
}
