using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>The invoices of an issued billing run as a CSV for the treasury: one row per invoice line.</summary>
public static class ExportBillingRunCsv
{
    [SentBy(Caller.Host)]
    public sealed record Query(Guid RunId) : IQuery<StreamedFile>;

    public sealed class Handler(ISaasDbContext db, ITreasuryCsvWriter csv) : IQueryHandler<Query, StreamedFile>
    {
        public async ValueTask<StreamedFile> Handle(Query query, CancellationToken cancellationToken)
        {
            var run = await IssuedRuns.LoadAsync(db, query.RunId, cancellationToken);
            var invoices = db.Invoices.Where(i => i.BillingRunId == run.Id);
            return new StreamedFile($"facturation-{run.Period.Label}-{run.Id.ToString()[..8]}.csv", "text/csv; charset=utf-8",
                (stream, ct) => csv.WriteAsync(stream, InvoiceLineCsvRow.Columns, InvoiceLineRows.Of(invoices, ct), ct));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/billing-runs/{id:guid}/exports/csv", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Query(id), ct)).ToResult())
            .RequireCallerOf<Query>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithName("ExportBillingRunCsv")
            .WithSummary("CSV d'une facturation émise (une ligne par ligne de facture ; « ; », virgule décimale, UTF-8 avec BOM).");
}
