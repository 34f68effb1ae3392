using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Application.Features.Invoicing;

/// <summary>The PDF of an issued invoice or credit note (rendered on demand from the stored, immutable content).</summary>
public static class GetInvoicePdf
{
    public sealed record Pdf(string FileName, byte[] Content);

    public sealed record Query(Guid Id) : IQuery<Pdf>;

    public sealed class Handler(ISaasDbContext db, IInvoicePdfRenderer renderer, IOptions<SellerOptions> seller) : IQueryHandler<Query, Pdf>
    {
        public async ValueTask<Pdf> Handle(Query query, CancellationToken cancellationToken)
        {
            var invoice = await GetInvoice.Load(db, query.Id, cancellationToken);
            return new Pdf($"{invoice.Number}.pdf", renderer.Render(InvoiceDocuments.From(invoice, seller.Value)));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/{id:guid}/pdf", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                var pdf = await sender.Send(new Query(id), ct);
                return TypedResults.File(pdf.Content, "application/pdf", pdf.FileName);
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetInvoicePdf")
            .WithSummary("Le PDF d'une facture ou d'un avoir.");
}
