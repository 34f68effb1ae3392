using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// The PES V2 recette flow (PES_Aller) of an issued billing run, for the public accountant (Hélios): a
/// bordereau of titres (one per invoice), a bordereau of reductions (one per credit note issued against
/// them), and the PDFs as pièces justificatives. The first export numbers the pieces (see
/// <see cref="PesNumbering"/>); later exports give the same file. The file is streamed: the handler only
/// numbers and reads the totals, the pieces are read and written while the response is sent.
/// </summary>
public static class ExportBillingRunPes
{
    /// <summary>A command: the first export gives the pieces their PES numbers (saved by the unit of work).</summary>
    public sealed record Command(Guid Id) : ICommand<StreamedFile>;

    public sealed class Handler(ISaasDbContext db, IPesRecetteWriter writer, IInvoicePdfRenderer renderer,
        IOptions<SellerOptions> seller, IOptions<PesOptions> options) : ICommandHandler<Command, StreamedFile>
    {
        public async ValueTask<StreamedFile> Handle(Command command, CancellationToken cancellationToken)
        {
            var run = await IssuedRuns.LoadAsync(db, command.Id, cancellationToken);

            await PesNumbering.AssignAsync(db, PesFlowReader.PiecesOf(db, run.Id), cancellationToken);
            var flow = await new PesFlowReader(db, renderer, seller.Value, options.Value).ReadAsync(run, cancellationToken)
                ?? throw new ConflictException("Cette facturation n'a émis aucune facture : il n'y a rien à transmettre au comptable public.");
            return new StreamedFile(PesFlowReader.FileNameOf(run), "application/xml", (stream, ct) => writer.WriteAsync(stream, flow, ct));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/billing-runs/{id:guid}/exports/pes", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Command(id), ct)).ToResult())
            .RequireAuthorization(Policies.Host)
            .Produces(StatusCodes.Status200OK, contentType: "application/xml")
            .WithName("ExportBillingRunPes")
            .WithSummary("Le flux PES V2 recette (PES_Aller) d'une facturation émise : titres, réductions (avoirs) et PDF en pièces justificatives.");
}
