using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain.Billing;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>
/// Starts a billing run of a period: computes, per tenant, what is owed minus what is already invoiced and
/// records it as the preview (dry run). Without <c>dryRun</c>, the preview is issued at once. Refused while
/// another run of the same period is open — the database's unique index decides, even for two requests at
/// the same instant.
/// </summary>
public static class StartBillingRun
{
    public sealed record Request(string? Period, bool DryRun = true);

    public sealed record Command(Request Body) : ICommand<BillingRunView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Period).Must(p => BillingPeriods.TryParse(p, out _, out _))
                .WithName("period").WithMessage(BillingPeriods.FormatHelp);
            RuleFor(c => c.Body.Period).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, BillingRunPreview preview, IBillingRunQueue queue, ICurrentUser user, TimeProvider clock, ISender sender)
        : ICommandHandler<Command, BillingRunView>
    {
        public async ValueTask<BillingRunView> Handle(Command command, CancellationToken cancellationToken)
        {
            BillingPeriods.TryParse(command.Body.Period, out var period, out var alignment);
            var run = await ClaimPeriodAsync(period, alignment, cancellationToken);

            IReadOnlyList<TenantBill> bills;
            try
            {
                bills = await preview.ComputeAsync(period, alignment, cancellationToken);
            }
            catch
            {
                // Free the period again: a run that could not be computed must not block the next one.
                run.Abandon("Le calcul de l'aperçu a échoué.", clock.GetUtcNow());
                await db.SaveChangesAsync(CancellationToken.None);
                throw;
            }
            preview.Record(run, bills);
            if (!command.Body.DryRun) run.StartIssue(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            if (!command.Body.DryRun) await queue.EnqueueAsync(run.Id, cancellationToken);
            return await sender.Send(new GetBillingRun.Query(run.Id), cancellationToken);
        }

        /// <summary>Saves the open run first: a second run of the period fails here, before any computing.</summary>
        private async Task<BillingRun> ClaimPeriodAsync(BillingPeriod period, Domain.Catalogue.BillingAlignment alignment, CancellationToken ct)
        {
            var key = BillingRun.KeyOf(period, alignment);
            var open = await db.BillingRuns.AsNoTracking().FirstOrDefaultAsync(r => r.OpenPeriodKey == key, ct);
            if (open is not null) throw AlreadyOpen(period, open.Id);
            var run = BillingRun.Open(period, alignment, user.Email ?? "?", clock.GetUtcNow());
            db.BillingRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                var winner = await db.BillingRuns.AsNoTracking().FirstOrDefaultAsync(r => r.OpenPeriodKey == key, ct);
                throw AlreadyOpen(period, winner?.Id);
            }
            return run;
        }

        private static ConflictException AlreadyOpen(BillingPeriod period, Guid? id) =>
            new($"Une facturation de la période {period.Label} est déjà ouverte{(id is { } i ? $" ({i})" : "")} : "
                + "émettez-la ou abandonnez-la avant d'en lancer une autre.");
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/billing-runs", async (Request body, ISender sender, CancellationToken ct) =>
            {
                var view = await sender.Send(new Command(body), ct);
                return TypedResults.Created($"/api/v1/billing-runs/{view.Id}", view);
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("StartBillingRun")
            .WithSummary("Lancer une facturation : aperçu (dryRun, par défaut) ou émission directe.");
}
