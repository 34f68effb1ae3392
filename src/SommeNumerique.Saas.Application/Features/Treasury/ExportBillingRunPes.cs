using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Features.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// The PES V2 recette flow (PES_Aller) of an issued billing run, for the public accountant (Hélios): a
/// bordereau of titres (one per invoice), a bordereau of reductions (one per credit note issued against
/// them), and the PDFs as pièces justificatives. Reads only: the pieces must have been numbered first
/// (<see cref="NumberBillingRunPes"/>), else 409; the same numbers give the same file. The handler reads the
/// totals; the pieces are read and written with the file (see <see cref="StreamedFile"/>).
/// </summary>
public static class ExportBillingRunPes
{
    [SentBy(Caller.Host)]
    public sealed record Query(Guid Id) : IQuery<StreamedFile>;

    public sealed class Handler(ISaasDbContext db, IPesRecetteWriter writer, IInvoicePdfRenderer renderer,
        IOptions<SellerOptions> seller, IOptions<PesOptions> options) : IQueryHandler<Query, StreamedFile>
    {
        public async ValueTask<StreamedFile> Handle(Query query, CancellationToken cancellationToken)
        {
            var run = await IssuedRuns.LoadAsync(db, query.Id, cancellationToken);
            var numbers = await PesNumbering.SummaryAsync(db, run.Id, cancellationToken);
            if (numbers.Pieces == 0) throw NothingToSend();
            if (numbers.Unnumbered > 0) throw NotNumbered(numbers);
            var flow = await new PesFlowReader(db, renderer, seller.Value, options.Value).ReadAsync(run, cancellationToken)
                ?? throw NothingToSend();
            return new StreamedFile(PesFlowReader.FileNameOf(run), "application/xml", (stream, ct) => writer.WriteAsync(stream, flow, ct));
        }
    }

    internal static ConflictException NothingToSend() =>
        new("Cette facturation n'a émis aucune facture : il n'y a rien à transmettre au comptable public.");

    private static ConflictException NotNumbered(PesNumberingView numbers) => new(numbers.Bordereaux.Count == 0
        ? "Les titres de cette facturation ne sont pas encore numérotés : numérotez-les (POST …/exports/pes/numbering) avant de télécharger le flux PES."
        : $"{numbers.Unnumbered} pièce(s) émise(s) depuis la numérotation (avoirs) n'ont pas encore de numéro de titre : "
          + "numérotez-les (POST …/exports/pes/numbering) avant de télécharger le flux PES.");

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/billing-runs/{id:guid}/exports/pes", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Query(id), ct)).ToResult())
            .RequireCallerOf<Query>()
            .Produces(StatusCodes.Status200OK, contentType: "application/xml")
            .WithName("ExportBillingRunPes")
            .WithSummary("Le flux PES V2 recette (PES_Aller) d'une facturation émise et numérotée : titres, réductions (avoirs) et PDF en pièces justificatives.");
}
