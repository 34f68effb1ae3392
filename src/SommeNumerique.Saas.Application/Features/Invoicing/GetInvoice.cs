using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Invoicing;

/// <summary>One invoice or credit note with its lines (which lines were already credited) and its credit notes.</summary>
public static class GetInvoice
{
    public sealed record Result(InvoiceView Invoice, IReadOnlyList<ListInvoices.Summary> CreditNotes);

    [SentBy(Caller.SignedIn)]
    public sealed record Query(Guid Id) : IQuery<Result>;

    public sealed class Handler(ISaasDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var invoice = await Load(db, query.Id, cancellationToken);
            var notes = await db.Invoices.AsNoTracking().Where(n => n.CreditedInvoiceId == invoice.Id && n.Status != InvoiceStatus.Draft)
                .ToListAsync(cancellationToken);
            var credited = InvoiceCredit.FullyCredited(invoice.Lines, notes.SelectMany(n => n.Lines));
            return new Result(InvoiceView.From(invoice, credited), notes.OrderBy(n => n.SequenceNumber).Select(n => new ListInvoices.Summary(
                n.Id, n.Kind.ToString(), InvoiceView.KindLabelOf(n.Kind), n.Number, n.TenantId, n.Buyer.Name, n.IssueDate, n.DueDate,
                new Domain.Billing.BillingPeriod(n.PeriodStart, n.PeriodEnd).Label, n.Status.ToString(), InvoiceView.StatusLabelOf(n.Status),
                n.TotalHt, n.TotalTtc, 0m, CanTakePayment: false)).ToList());
        }
    }

    /// <summary>An issued invoice of the caller's scope (another tenant's is "not found").</summary>
    internal static async Task<Invoice> Load(ISaasDbContext db, Guid id, CancellationToken ct) =>
        await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.Status != InvoiceStatus.Draft, ct)
        ?? throw new NotFoundException("Facture introuvable.");

    /// <summary>
    /// An issued invoice of the caller's scope, tracked for a change (credit note, payment); a stale
    /// <paramref name="version"/> from the caller's form answers 409.
    /// </summary>
    internal const string ChangedMeanwhile = "Cette facture a été modifiée entre-temps : rechargez-la puis recommencez.";

    internal static async Task<Invoice> LoadForChange(ISaasDbContext db, Guid id, int? version, CancellationToken ct)
    {
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == id && i.Status != InvoiceStatus.Draft, ct)
            ?? throw new NotFoundException("Facture introuvable.");
        if (version is { } expected && expected != invoice.Version)
            throw new ConflictException(ChangedMeanwhile);
        return invoice;
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .RequireCallerOf<Query>()
            .WithName("GetInvoice")
            .WithSummary("Une facture ou un avoir, avec ses lignes et ses avoirs.");
}
