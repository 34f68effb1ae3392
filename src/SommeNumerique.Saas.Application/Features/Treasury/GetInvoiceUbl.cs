using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Treasury.EInvoicing;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// The EN 16931 e-invoice of an issued invoice or credit note, in UBL 2.1 (Chorus Pro data included), built on
/// demand from the stored content and checked to the cent. A tenant gets only its own (the tenant filter);
/// staff and treasury any.
/// </summary>
public static class GetInvoiceUbl
{

    [SentBy(Caller.SignedIn)]
    public sealed record Query(Guid Id) : IQuery<FileDownload>;

    public sealed class Handler(ISaasDbContext db, IUblInvoiceWriter writer, IOptions<SellerOptions> seller, IOptions<EInvoicingOptions> options)
        : IQueryHandler<Query, FileDownload>
    {
        public async ValueTask<FileDownload> Handle(Query query, CancellationToken cancellationToken)
        {
            if (await db.Invoices.AnyAsync(i => i.Id == query.Id && i.Status == InvoiceStatus.Draft, cancellationToken))
                throw new ConflictException("Cette facture n'est pas encore émise : sa facture électronique n'existe qu'après l'émission.");
            var invoice = await GetInvoice.Load(db, query.Id, cancellationToken);
            DateOnly? creditedIssueDate = invoice.CreditedInvoiceId is { } creditedId
                ? await db.Invoices.AsNoTracking().Where(i => i.Id == creditedId).Select(i => i.IssueDate).SingleAsync(cancellationToken)
                : null;
            var document = EInvoices.From(invoice, creditedIssueDate, seller.Value, options.Value);
            EInvoiceTotalsCheck.Verify(document, invoice.TotalHt, invoice.TotalVat, invoice.TotalTtc);
            return new FileDownload($"{invoice.Number}.xml", FileDownload.Xml, writer.Write(document));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/{id:guid}/ubl", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Query(id), ct)).ToResult())
            .Produces(StatusCodes.Status200OK, contentType: FileDownload.Xml)
            .RequireCallerOf<Query>()
            .WithName("GetInvoiceUbl")
            .WithSummary("La facture électronique EN 16931 (UBL 2.1) d'une facture ou d'un avoir émis.");
}
