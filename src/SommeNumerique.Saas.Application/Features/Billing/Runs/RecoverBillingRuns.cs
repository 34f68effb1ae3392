using Mediator;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Billing;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>
/// At start-up (background worker, host context): what a stopped or killed process left. Runs left "issuing" are
/// returned, to be resumed. Previews without any tenant row are abandoned: a preview used to be saved before it was
/// computed, so a process killed in between left such a run holding its period for good (a preview is now saved
/// with its rows, in one transaction); one of a period with nothing to bill loses nothing by it either.
/// </summary>
public static class RecoverBillingRuns
{
    [SentBy(Caller.System)]
    public sealed record Request : IRequest<IReadOnlyList<Guid>>;

    public sealed class Handler(ISaasDbContext db, TimeProvider clock) : IRequestHandler<Request, IReadOnlyList<Guid>>
    {
        public async ValueTask<IReadOnlyList<Guid>> Handle(Request request, CancellationToken cancellationToken)
        {
            var empty = await db.BillingRuns
                .Where(r => r.Status == BillingRunStatus.Previewed && r.TenantCount == 0 && !db.BillingRunTenants.Any(t => t.RunId == r.Id))
                .ToListAsync(cancellationToken);
            foreach (var run in empty)
                run.Abandon("Aperçu sans collectivité enregistrée (interrompu, ou rien à facturer), abandonné au redémarrage : relancez un aperçu.",
                    clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return await db.BillingRuns.AsNoTracking().Where(r => r.Status == BillingRunStatus.Issuing).Select(r => r.Id).ToListAsync(cancellationToken);
        }
    }
}
