using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Billing;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>
/// Issues a previewed run. Everything is computed again first and compared, tenant by tenant, with the
/// preview: if anything changed (a new subscription, a new tariff...), nothing is issued, the run ends and
/// frees its period (<see cref="BillingRun.EndIfChangedSincePreview"/>, the rule of every issue and resume) and
/// a new preview is asked for. Otherwise the invoices are created in the background, batch by batch. Called
/// again on a run whose issue was interrupted, it resumes it.
/// </summary>
public static class IssueBillingRun
{
    [SentBy(Caller.Staff)]
    public sealed record Command(Guid Id) : ICommand<BillingRunView>;

    public sealed class Handler(ISaasDbContext db, BillingRunPreview preview, IBillingRunQueue queue, TimeProvider clock, ISender sender)
        : ICommandHandler<Command, BillingRunView>
    {
        public async ValueTask<BillingRunView> Handle(Command command, CancellationToken cancellationToken)
        {
            var run = await db.BillingRuns.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Facturation introuvable.");
            if (run.Status == BillingRunStatus.Previewed)
            {
                var bills = await preview.ComputeAsync(run.Period, run.Alignment, cancellationToken);
                var changed = await preview.EndIfChangedSincePreviewAsync(run, bills, clock.GetUtcNow(), cancellationToken);
                if (changed > 0)
                    throw new ConflictException(
                        $"La facturation a changé depuis l'aperçu ({changed} collectivité(s) concernée(s)) : rien n'a été émis et la période est libérée. Lancez un nouvel aperçu.");
                run.StartIssue(clock.GetUtcNow());
            }
            else if (run.Status != BillingRunStatus.Issuing)
            {
                throw new ConflictException(run.Status == BillingRunStatus.Issued
                    ? "Cette facturation est déjà émise."
                    : "Cette facturation a été abandonnée : lancez un nouvel aperçu.");
            }
            await db.SaveChangesAsync(cancellationToken);
            await queue.EnqueueAsync(run.Id, cancellationToken);
            return await sender.Send(new GetBillingRun.Query(run.Id), cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/billing-runs/{id:guid}/issue", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Accepted($"/api/v1/billing-runs/{id}", await sender.Send(new Command(id), ct)))
            .RequireCallerOf<Command>()
            .WithName("IssueBillingRun")
            .WithSummary("Émettre une facturation prévisualisée (ou reprendre une émission interrompue) ; suivre l'avancement par GET.");
}
