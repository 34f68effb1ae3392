using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// Gives the PES titre and bordereau numbers to the pieces of an issued run that have none yet (all of them the
/// first time, then the credit notes issued since): an explicit step before the download, since the numbers are
/// definitive once sent to the public accountant. Idempotent: numbered pieces keep their numbers.
/// </summary>
public static class NumberBillingRunPes
{
    [SentBy(Caller.Host)]
    public sealed record Command(Guid Id) : ICommand<PesNumberingView>;

    public sealed class Handler(ISaasDbContext db) : ICommandHandler<Command, PesNumberingView>
    {
        public async ValueTask<PesNumberingView> Handle(Command command, CancellationToken cancellationToken)
        {
            var run = await IssuedRuns.LoadAsync(db, command.Id, cancellationToken);
            await PesNumbering.AssignAsync(db, PesFlowReader.PiecesOf(db, run.Id), cancellationToken);
            var numbers = await PesNumbering.SummaryAsync(db, run.Id, cancellationToken);
            if (numbers.Pieces == 0) throw ExportBillingRunPes.NothingToSend();
            return numbers;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/billing-runs/{id:guid}/exports/pes/numbering", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id), ct)))
            .RequireCallerOf<Command>()
            .WithName("NumberBillingRunPes")
            .WithSummary("Numéroter les titres PES d'une facturation émise (une fois pour toutes ; les avoirs émis depuis reçoivent les leurs), avant de télécharger le flux.");
}

/// <summary>Where the PES numbering of an issued run stands (numbered bordereaux, pieces left to number).</summary>
public static class GetBillingRunPesNumbering
{
    [SentBy(Caller.Host)]
    public sealed record Query(Guid Id) : IQuery<PesNumberingView>;

    public sealed class Handler(ISaasDbContext db) : IQueryHandler<Query, PesNumberingView>
    {
        public async ValueTask<PesNumberingView> Handle(Query query, CancellationToken cancellationToken)
        {
            var run = await IssuedRuns.LoadAsync(db, query.Id, cancellationToken);
            return await PesNumbering.SummaryAsync(db, run.Id, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/billing-runs/{id:guid}/exports/pes/numbering", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .RequireCallerOf<Query>()
            .WithName("GetBillingRunPesNumbering")
            .WithSummary("L'état de la numérotation PES d'une facturation émise : bordereaux numérotés, pièces restant à numéroter.");
}
