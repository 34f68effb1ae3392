using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// Invoices past their due date with an amount left to pay (issued or partially paid), most overdue first,
/// for the treasury's follow-up (reminder letters); also as a CSV.
/// </summary>
public static class ListOverdueInvoices
{
    public sealed record Item(Guid Id, Guid TenantId, string TenantName, string Siren, string Number, DateOnly IssueDate, DateOnly DueDate,
        int DaysLate, decimal TotalTtc, decimal CreditedTtc, decimal PaidTtc, decimal AmountDue, string Status, string StatusLabel);

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Page, int PageSize, decimal TotalDue, DateOnly AsOf);

    [SentBy(Caller.Host)]
    public sealed record Query(DateOnly? AsOf = null, Guid? TenantId = null, int Page = 1, int PageSize = 50, string? Sort = null, string? Dir = null)
        : IQuery<Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Sort).XmlSafeText();
            RuleFor(q => q.Dir).XmlSafeText();
        }
    }

    /// <summary>The columns the list may be sorted by (<c>sort</c>, <c>dir</c>); default: most overdue first (due date).</summary>
    public static readonly ListSorting<Invoice> Sorting = new ListSorting<Invoice>("dueDate", defaultDescending: false)
        .Column("dueDate", i => i.DueDate, i => i.SequenceNumber)
        .Column("number", i => i.NumberYear, i => i.SequenceNumber)
        .Column("tenant", i => i.Buyer.Name, i => i.SequenceNumber);

    public sealed class Handler(ISaasDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query q, CancellationToken cancellationToken)
        {
            var asOf = q.AsOf ?? clock.Today();
            var overdue = Overdue(db, asOf, q.TenantId);
            var size = Math.Clamp(q.PageSize, 1, 200);
            var page = Math.Max(q.Page, 1);
            // Amounts are summed here, not in SQL: SQLite keeps decimals as text and cannot add them exactly.
            var amountsDue = await overdue.Select(i => i.TotalTtc - i.CreditedTtc - i.PaidTtc).ToListAsync(cancellationToken);
            var rows = await Sorting.Apply(overdue, q.Sort, q.Dir)
                .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
            return new Result(rows.Select(i => ItemOf(i, asOf)).ToList(), amountsDue.Count, page, size, amountsDue.Sum(), asOf);
        }
    }

    /// <summary>Issued or partly paid invoices due before <paramref name="asOf"/> with something left to pay.</summary>
    public static IQueryable<Invoice> Overdue(ISaasDbContext db, DateOnly asOf, Guid? tenantId)
    {
        var invoices = OverdueAmong(db.Invoices.AsNoTracking(), asOf);
        return tenantId is { } id ? invoices.Where(i => i.TenantId == id) : invoices;
    }

    /// <summary>
    /// The rule of "overdue as of <paramref name="asOf"/>": an invoice (not a credit note), issued or partly paid, due
    /// before that day, with something left to pay. The one home of the rule: this list, the reminder letter, and the
    /// "en retard" status and filter of the invoice lists (<see cref="Invoicing.ListInvoices"/>).
    /// </summary>
    public static IQueryable<Invoice> OverdueAmong(IQueryable<Invoice> invoices, DateOnly asOf) => invoices.Where(i =>
        i.Kind == InvoiceKind.Invoice
        && (i.Status == InvoiceStatus.Issued || i.Status == InvoiceStatus.PartiallyPaid)
        && i.DueDate < asOf
        && i.TotalTtc - i.CreditedTtc - i.PaidTtc > 0);

    /// <summary>Days since the due date, on <paramref name="asOf"/>.</summary>
    public static int DaysLate(DateOnly dueDate, DateOnly asOf) => asOf.DayNumber - dueDate.DayNumber;

    /// <summary>The status shown for an overdue invoice: "En retard (12 jours)".</summary>
    public static string LateLabel(int daysLate) => daysLate == 1 ? "En retard (1 jour)" : $"En retard ({daysLate} jours)";

    public static Item ItemOf(Invoice i, DateOnly asOf) => new(i.Id, i.TenantId, i.Buyer.Name, i.Buyer.Siren, i.Number!, i.IssueDate!.Value,
        i.DueDate!.Value, DaysLate(i.DueDate.Value, asOf), i.TotalTtc, i.CreditedTtc, i.PaidTtc, i.AmountDue,
        i.Status.ToString(), Invoicing.InvoiceView.StatusLabelOf(i.Status));

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/overdue", async ([AsParameters] Query query, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query, ct)))
            .RequireCallerOf<Query>()
            .WithName("ListOverdueInvoices")
            .WithSummary("Factures échues avec un reste à payer (asOf : date de référence, aujourd'hui par défaut ; tri : sort dueDate, number ou tenant, dir asc ou desc).");
}

/// <summary>The overdue list as a CSV for the treasury.</summary>
public static class ExportOverdueInvoicesCsv
{
    [SentBy(Caller.Host)]
    public sealed record Query(DateOnly? AsOf = null, Guid? TenantId = null) : IQuery<StreamedFile>;

    public sealed class Handler(ISaasDbContext db, ITreasuryCsvWriter csv, TimeProvider clock) : IQueryHandler<Query, StreamedFile>
    {
        public ValueTask<StreamedFile> Handle(Query q, CancellationToken cancellationToken)
        {
            var asOf = q.AsOf ?? clock.Today();
            var overdue = ListOverdueInvoices.Overdue(db, asOf, q.TenantId).OrderBy(i => i.DueDate).ThenBy(i => i.SequenceNumber);
            return ValueTask.FromResult(new StreamedFile($"impayes-{asOf:yyyy-MM-dd}.csv", "text/csv; charset=utf-8",
                (stream, ct) => csv.WriteAsync(stream, OverdueCsvRow.Columns, Rows(overdue, asOf, ct), ct)));
        }

        private static async IAsyncEnumerable<OverdueCsvRow> Rows(IQueryable<Invoice> invoices, DateOnly asOf,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var invoice in invoices.AsAsyncEnumerable().WithCancellation(ct))
            {
                var i = ListOverdueInvoices.ItemOf(invoice, asOf);
                yield return new OverdueCsvRow(i.TenantName, i.Siren, i.Number, i.IssueDate, i.DueDate, i.DaysLate,
                    i.TotalTtc, i.CreditedTtc, i.PaidTtc, i.AmountDue);
            }
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/overdue/csv", async ([AsParameters] Query query, ISender sender, CancellationToken ct) =>
                (await sender.Send(query, ct)).ToResult())
            .RequireCallerOf<Query>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithName("ExportOverdueInvoicesCsv")
            .WithSummary("Les factures échues non soldées, en CSV.");
}
