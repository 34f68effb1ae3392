using Mediator;
using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Application.TenantIsolation;

/// <summary>A request about one tenant, named by <see cref="TenantId"/> (a route parameter, say).</summary>
public interface IRequireTenantAccess
{
    Guid TenantId { get; }
}

/// <summary>
/// Before anything else looks at a request about a tenant (validation included): the host context may
/// act on any tenant; a tenant's user only on the active tenant. Any other tenant answers 404, as if it did
/// not exist, so that nothing about it leaks (not even whether the request was well formed).
/// </summary>
public sealed class TenantAccessBehavior<TMessage, TResponse>(ITenantContext tenantContext) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IRequireTenantAccess, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!tenantContext.IsHost && tenantContext.TenantId != message.TenantId)
            throw new NotFoundException("Collectivité introuvable.");
        return next(message, cancellationToken);
    }
}
