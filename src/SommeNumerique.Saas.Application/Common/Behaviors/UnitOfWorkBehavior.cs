using Mediator;

namespace SommeNumerique.Saas.Application.Common.Behaviors;

/// <summary>
/// Saves the changes a command (<c>ICommand</c>) made, once, after its handler succeeded; a command that throws
/// saves nothing here. Queries and plain requests (<c>IRequest</c>: the billing worker's
/// <c>ProcessBillingRun</c> and <c>RecoverBillingRuns</c>) do not go through it. Most command handlers
/// therefore leave saving to this behaviour. Those that save earlier themselves, and why:
/// <list type="bullet">
/// <item><c>StartBillingRun</c>, <c>RecordMandatPayment</c>: the save is inside a try, to answer a refusal of the
/// database (unique index, row version: two requests at once) as 409/422 naming the winner or the field.</item>
/// <item><c>StartBillingRun</c>, <c>IssueBillingRun</c>: the run must be stored before it is queued for the
/// background worker (another scope reads it); with <c>AbandonBillingRun</c>, before the answer is read back
/// (<c>GetBillingRun</c> reads the database).</item>
/// <item><c>BillingRunPreview.EndIfChangedSincePreviewAsync</c> (from <c>IssueBillingRun</c>): the run it ends
/// stays ended although the command then throws (409).</item>
/// <item><c>NumberBillingRunPes</c> (<c>PesNumbering.AssignAsync</c>): thousands of pieces numbered in one
/// transaction, page by page, the change tracker cleared between pages.</item>
/// <item>Accounts (<c>AcceptInvitation</c>, <c>DeactivateUser</c>, <c>ReactivateUser</c>): ASP.NET Identity's
/// <c>UserManager</c> saves through its EF store at each call.</item>
/// </list>
/// The background work saves on its own as well: <c>ProcessBillingRun</c> commits one transaction per batch of
/// tenants, <c>RecoverBillingRuns</c> once. Whatever is left tracked after such a handler is saved here.
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
