using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;

namespace SommeNumerique.Saas.Application.Features.Invoicing;

/// <summary>The PDF of an issued invoice or credit note (rendered on demand from the stored, immutable content).</summary>
public static class GetInvoicePdf
{
    [SentBy(Caller.SignedIn)]
    public sealed record Query(Guid Id) : IQuery<FileDownload>;

    public sealed class Handler(ISaasDbContext db, IInvoicePdfRenderer renderer, IOptions<SellerOptions> seller) : IQueryHandler<Query, FileDownload>
    {
        public async ValueTask<FileDownload> Handle(Query query, CancellationToken cancellationToken)
        {
            var invoice = await GetInvoice.Load(db, query.Id, cancellationToken);
            return new FileDownload($"{invoice.Number}.pdf", FileDownload.Pdf, renderer.Render(InvoiceDocuments.From(invoice, seller.Value)));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/{id:guid}/pdf", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Query(id), ct)).ToResult())
            .Produces(StatusCodes.Status200OK, contentType: FileDownload.Pdf)
            .RequireCallerOf<Query>()
            .WithName("GetInvoicePdf")
            .WithSummary("Le PDF d'une facture ou d'un avoir.");
}
