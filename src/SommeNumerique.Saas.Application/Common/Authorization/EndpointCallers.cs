using Mediator;
using Microsoft.AspNetCore.Builder;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Application.Common.Authorization;

/// <summary>The endpoint's authorization, derived from the declaration of the request it sends: written once.</summary>
public static class EndpointCallers
{
    /// <summary>
    /// The policy of <see cref="Policies"/> that lets <typeparamref name="TRequest"/>'s declared callers through: the
    /// coarse outer fence (the finer rule, e.g. a tenant's administrator, is the Mediator's). A request only other code
    /// sends (<see cref="Caller.System"/>, <see cref="Caller.Handler"/>) has no endpoint: mapping one fails at start-up.
    /// </summary>
    public static RouteHandlerBuilder RequireCallerOf<TRequest>(this RouteHandlerBuilder endpoint) where TRequest : IMessage =>
        SentByAttribute.Of(typeof(TRequest)) switch
        {
            Caller.Anyone => endpoint.AllowAnonymous(),
            Caller.SignedIn or Caller.TenantMember or Caller.TenantAdmin => endpoint.RequireAuthorization(Policies.SignedIn),
            Caller.Host => endpoint.RequireAuthorization(Policies.Host),
            Caller.Staff => endpoint.RequireAuthorization(Policies.Staff),
            null => throw new InvalidOperationException($"{typeof(TRequest).FullName} does not declare who may send it ([SentBy])."),
            var other => throw new InvalidOperationException($"{typeof(TRequest).FullName} is sent by {other} only: it cannot be an endpoint."),
        };
}
