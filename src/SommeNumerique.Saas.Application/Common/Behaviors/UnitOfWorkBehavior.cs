using Mediator;

namespace SommeNumerique.Saas.Application.Common.Behaviors;

/// <summary>
/// Saves the changes a command made, once, after its handler succeeded. Queries never save; a command
/// that throws saves nothing. Handlers therefore never call SaveChanges themselves.
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(ISaasDbContext db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
