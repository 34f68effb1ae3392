using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain.Billing;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>
/// Starts a billing run of a period: computes, per tenant, what is owed minus what is already invoiced and
/// records it as the preview (dry run). Without <c>dryRun</c>, the preview is issued at once. The run and its
/// preview rows are saved together, once computed: a process stopped while computing leaves no run behind.
/// Refused while another run of the period is open, and when another run of the period was started on the
/// same knowledge of it (the same latest run): the database's unique indexes decide, on every provider, even
/// for requests at the same instant.
/// </summary>
public static class StartBillingRun
{
    public sealed record Request(string? Period, bool DryRun = true);

    [SentBy(Caller.Staff)]
    public sealed record Command(Request Body) : ICommand<BillingRunView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Period).Must(p => BillingPeriod.TryParse(p, out _))
                .WithName("period").WithMessage(BillingPeriod.FormatHelp);
            RuleFor(c => c.Body.Period).XmlSafeText();
        }
    }

    public sealed class Handler(
        ISaasDbContext db, BillingRunPreview preview, IBillingRunQueue queue, IBillingRunHooks hooks, ICurrentUser user, TimeProvider clock, ISender sender)
        : ICommandHandler<Command, BillingRunView>
    {
        public async ValueTask<BillingRunView> Handle(Command command, CancellationToken cancellationToken)
        {
            var period = BillingPeriod.Parse(command.Body.Period, out var alignment);
            var key = BillingRun.KeyOf(period, alignment);
            if (await OpenRunAsync(key, cancellationToken) is { } open) throw AlreadyOpen(period, open);
            // Read before computing: a run started meanwhile takes this number, and this one is refused on saving.
            var sequence = 1 + (await db.BillingRuns.AsNoTracking()
                .Where(r => r.Alignment == alignment && r.PeriodStart == period.Start)
                .MaxAsync(r => (int?)r.Sequence, cancellationToken) ?? 0);

            var bills = await preview.ComputeAsync(period, alignment, cancellationToken);
            var run = BillingRun.Open(period, alignment, sequence, user.Email ?? "?", clock.GetUtcNow());
            db.BillingRuns.Add(run);
            preview.Record(run, bills);
            if (!command.Body.DryRun) run.StartIssue(clock.GetUtcNow());
            await hooks.PreviewComputedAsync(run.Id, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (await OpenRunAsync(key, CancellationToken.None) is { } winner) throw AlreadyOpen(period, winner);
                throw new ConflictException($"Une autre facturation de la période {period.Label} a été lancée au même moment : "
                    + "consultez la liste des facturations avant d'en lancer une autre.");
            }
            if (!command.Body.DryRun) await queue.EnqueueAsync(run.Id, cancellationToken);
            return await sender.Send(new GetBillingRun.Query(run.Id), cancellationToken);
        }

        private Task<Guid?> OpenRunAsync(string key, CancellationToken ct) =>
            db.BillingRuns.AsNoTracking().Where(r => r.OpenPeriodKey == key).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);

        private static ConflictException AlreadyOpen(BillingPeriod period, Guid id) =>
            new($"Une facturation de la période {period.Label} est déjà ouverte ({id}) : "
                + "émettez-la ou abandonnez-la avant d'en lancer une autre.");
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/billing-runs", async (Request body, ISender sender, CancellationToken ct) =>
            {
                var view = await sender.Send(new Command(body), ct);
                return TypedResults.Created($"/api/v1/billing-runs/{view.Id}", view);
            })
            .RequireCallerOf<Command>()
            .WithName("StartBillingRun")
            .WithSummary("Lancer une facturation : aperçu (dryRun, par défaut) ou émission directe.");
}
