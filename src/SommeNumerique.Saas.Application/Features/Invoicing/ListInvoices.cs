using FluentValidation;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Invoicing;

/// <summary>
/// Invoices and credit notes: a tenant sees its own (query filter), staff and treasury every tenant's,
/// filtered by tenant, period, status, kind or number. Drafts are never listed.
/// </summary>
public static class ListInvoices
{
    public sealed record Summary(Guid Id, string Kind, string KindLabel, string? Number, Guid TenantId, string BuyerName,
        DateOnly? IssueDate, DateOnly? DueDate, string Period, string Status, string StatusLabel, decimal TotalHt, decimal TotalTtc, decimal AmountDue, bool CanTakePayment,
        int? DaysLate = null)
    {
        /// <summary>Past its due date with something left to pay, today (<see cref="Treasury.ListOverdueInvoices.OverdueAmong"/>).</summary>
        public bool Overdue => DaysLate is not null;
    }

    [SentBy(Caller.SignedIn)]
    public sealed record Query(Guid? TenantId = null, string? Period = null, string? Status = null, string? Kind = null,
        string? Search = null, Guid? BillingRunId = null, int Page = 1, int PageSize = 50,
        bool? Overdue = null, string? Sort = null, string? Dir = null) : IQuery<PagedResult<Summary>>;

    /// <summary>The free-text filters (the period, status and kind are checked by <see cref="Filter"/>).</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Period).XmlSafeText();
            RuleFor(q => q.Status).XmlSafeText();
            RuleFor(q => q.Kind).XmlSafeText();
            RuleFor(q => q.Search).XmlSafeText();
            RuleFor(q => q.Sort).XmlSafeText();
            RuleFor(q => q.Dir).XmlSafeText();
        }
    }

    /// <summary>The columns a list may be sorted by (<c>sort</c>, <c>dir</c>); default: newest number first.</summary>
    public static readonly ListSorting<Invoice> Sorting = new ListSorting<Invoice>("number", defaultDescending: true)
        .Column("number", i => i.NumberYear, i => i.SequenceNumber)
        .Column("issueDate", i => i.IssueDate, i => i.SequenceNumber)
        .Column("dueDate", i => i.DueDate, i => i.SequenceNumber)
        .Column("tenant", i => i.Buyer.Name, i => i.SequenceNumber)
        .Column("period", i => i.PeriodStart, i => i.SequenceNumber)
        .Column("status", i => i.Status, i => i.SequenceNumber);

    public sealed class Handler(ISaasDbContext db, TimeProvider clock) : IQueryHandler<Query, PagedResult<Summary>>
    {
        public async ValueTask<PagedResult<Summary>> Handle(Query q, CancellationToken cancellationToken)
        {
            var today = clock.Today();
            var invoices = Filter(db.Invoices.AsNoTracking(), q, today);
            var ordered = Sorting.Apply(invoices, q.Sort, q.Dir);
            var size = Math.Clamp(q.PageSize, 1, 200);
            var page = Math.Max(q.Page, 1);
            var total = await invoices.CountAsync(cancellationToken);
            var rows = await ordered
                .Skip((page - 1) * size).Take(size)
                .Select(i => new { i.Id, i.Kind, i.Number, i.TenantId, i.Buyer.Name, i.IssueDate, i.DueDate, i.PeriodStart, i.PeriodEnd, i.Status,
                    i.TotalHt, i.TotalTtc, i.CreditedTtc, i.PaidTtc })
                .ToListAsync(cancellationToken);
            var ids = rows.Select(r => r.Id).ToList();
            var overdue = (await Treasury.ListOverdueInvoices.OverdueAmong(db.Invoices.AsNoTracking(), today)
                .Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
            int? LateBy(Guid id, DateOnly? due) => overdue.Contains(id) ? Treasury.ListOverdueInvoices.DaysLate(due!.Value, today) : null;
            var items = rows.Select(i => new Summary(i.Id, i.Kind.ToString(), InvoiceView.KindLabelOf(i.Kind), i.Number, i.TenantId, i.Name,
                i.IssueDate, i.DueDate, new BillingPeriod(i.PeriodStart, i.PeriodEnd).Label, i.Status.ToString(),
                LateBy(i.Id, i.DueDate) is { } late ? Treasury.ListOverdueInvoices.LateLabel(late) : InvoiceView.StatusLabelOf(i.Status), i.TotalHt, i.TotalTtc,
                i.Kind == InvoiceKind.Invoice ? i.TotalTtc - i.CreditedTtc - i.PaidTtc : 0m,
                Invoice.CanTake(i.Kind, i.Status, i.TotalTtc - i.CreditedTtc - i.PaidTtc), LateBy(i.Id, i.DueDate))).ToList();
            return new PagedResult<Summary>(items, total, page, size);
        }

    }

    /// <summary>
    /// The query's filters (not its paging) on issued invoices and credit notes; also used by the CSV export.
    /// "En retard" (<c>overdue=true</c> or <c>status=overdue</c>) is the overdue rule as of <paramref name="today"/>.
    /// </summary>
    public static IQueryable<Invoice> Filter(IQueryable<Invoice> source, Query q, DateOnly today)
    {
        var invoices = source.Where(i => i.Status != InvoiceStatus.Draft);
        if (q.TenantId is { } tenantId) invoices = invoices.Where(i => i.TenantId == tenantId);
        if (q.BillingRunId is { } runId) invoices = invoices.Where(i => i.BillingRunId == runId);
        if (!string.IsNullOrWhiteSpace(q.Period))
        {
            if (!BillingPeriod.TryParse(q.Period, out var period)) throw Invalid("period", BillingPeriod.FormatHelp);
            invoices = invoices.Where(i => i.PeriodStart == period.Start);
        }
        var overdue = q.Overdue == true;
        if (!string.IsNullOrWhiteSpace(q.Status))
        {
            if (q.Status.Trim().Equals(OverdueStatus, StringComparison.OrdinalIgnoreCase)) overdue = true;
            else if (!Enum.TryParse<InvoiceStatus>(q.Status, true, out var status) || status == InvoiceStatus.Draft)
                throw Invalid("status", "Statut inconnu : Issued, PartiallyPaid, Paid, Cancelled ou overdue (en retard).");
            else invoices = invoices.Where(i => i.Status == status);
        }
        if (overdue) invoices = Treasury.ListOverdueInvoices.OverdueAmong(invoices, today);
        if (!string.IsNullOrWhiteSpace(q.Kind))
        {
            if (!Enum.TryParse<InvoiceKind>(q.Kind, true, out var kind)) throw Invalid("kind", "Type inconnu : Invoice ou CreditNote.");
            invoices = invoices.Where(i => i.Kind == kind);
        }
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var search = q.Search.Trim();
            invoices = invoices.Where(i => i.Number!.Contains(search) || i.Buyer.Name.Contains(search) || i.Buyer.Siren == search);
        }
        return invoices;
    }

    /// <summary>The <c>status</c> value of the "en retard" filter (not a stored status: see <see cref="Treasury.ListOverdueInvoices.OverdueAmong"/>).</summary>
    public const string OverdueStatus = "overdue";

    private static FluentValidation.ValidationException Invalid(string field, string message) =>
        new([new FluentValidation.Results.ValidationFailure(field, message)]);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .RequireCallerOf<Query>()
            .WithName("ListInvoices")
            .WithSummary("Factures et avoirs (une collectivité ne voit que les siens) ; filtres : tenantId, period, status (dont overdue : en retard), overdue, kind, search, billingRunId ; tri : sort (number, issueDate, dueDate, tenant, period, status) et dir (asc, desc).");
}
