using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>Drops a preview (nothing was invoiced), so that a new run of the period can be started.</summary>
public static class AbandonBillingRun
{
    [SentBy(Caller.Staff)]
    public sealed record Command(Guid Id) : ICommand<BillingRunView>;

    public sealed class Handler(ISaasDbContext db, ICurrentUser user, TimeProvider clock, ISender sender) : ICommandHandler<Command, BillingRunView>
    {
        public async ValueTask<BillingRunView> Handle(Command command, CancellationToken cancellationToken)
        {
            var run = await db.BillingRuns.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Facturation introuvable.");
            run.Abandon($"Abandonnée par {user.Email}.", clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return await sender.Send(new GetBillingRun.Query(run.Id), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/billing-runs/{id:guid}/abandon", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id), ct)))
            .RequireCallerOf<Command>()
            .WithName("AbandonBillingRun")
            .WithSummary("Abandonner un aperçu de facturation (rien n'a été facturé).");
}
