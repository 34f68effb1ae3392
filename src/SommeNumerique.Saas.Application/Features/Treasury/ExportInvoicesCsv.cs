using FluentValidation;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// A list of invoices and credit notes (the filters of <see cref="ListInvoices"/>) as a CSV: one row per line,
/// credit notes negative.
/// </summary>
public static class ExportInvoicesCsv
{
    [SentBy(Caller.Host)]
    public sealed record Query(ListInvoices.Query Filters) : IQuery<StreamedFile>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filters).SetValidator(new ListInvoices.Validator());
    }

    public sealed class Handler(ISaasDbContext db, ITreasuryCsvWriter csv, TimeProvider clock) : IQueryHandler<Query, StreamedFile>
    {
        public ValueTask<StreamedFile> Handle(Query query, CancellationToken cancellationToken)
        {
            var invoices = ListInvoices.Filter(db.Invoices, query.Filters, clock.Today()); // checks the filters now: a bad one is a 400
            return ValueTask.FromResult(new StreamedFile("factures.csv", "text/csv; charset=utf-8",
                (stream, ct) => csv.WriteAsync(stream, InvoiceLineCsvRow.Columns, InvoiceLineRows.Of(invoices, ct), ct)));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/exports/csv", async ([AsParameters] ListInvoices.Query filters, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Query(filters), ct)).ToResult())
            .RequireCallerOf<Query>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithName("ExportInvoicesCsv")
            .WithSummary("CSV des factures et avoirs filtrés (mêmes filtres que la liste ; une ligne par ligne de facture, avoirs en négatif).");
}
