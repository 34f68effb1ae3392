using FluentValidation;
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
        DateOnly? IssueDate, DateOnly? DueDate, string Period, string Status, string StatusLabel, decimal TotalHt, decimal TotalTtc, decimal AmountDue, bool CanTakePayment);

    public sealed record Query(Guid? TenantId = null, string? Period = null, string? Status = null, string? Kind = null,
        string? Search = null, Guid? BillingRunId = null, int Page = 1, int PageSize = 50) : IQuery<PagedResult<Summary>>;

    /// <summary>The free-text filters (the period, status and kind are checked by <see cref="Filter"/>).</summary>
    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Period).XmlSafeText();
            RuleFor(q => q.Status).XmlSafeText();
            RuleFor(q => q.Kind).XmlSafeText();
            RuleFor(q => q.Search).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db) : IQueryHandler<Query, PagedResult<Summary>>
    {
        public async ValueTask<PagedResult<Summary>> Handle(Query q, CancellationToken cancellationToken)
        {
            var invoices = Filter(db.Invoices.AsNoTracking(), q);
            var size = Math.Clamp(q.PageSize, 1, 200);
            var page = Math.Max(q.Page, 1);
            var total = await invoices.CountAsync(cancellationToken);
            var rows = await invoices
                .OrderByDescending(i => i.NumberYear).ThenByDescending(i => i.Kind).ThenByDescending(i => i.SequenceNumber)
                .Skip((page - 1) * size).Take(size)
                .Select(i => new { i.Id, i.Kind, i.Number, i.TenantId, i.Buyer.Name, i.IssueDate, i.DueDate, i.PeriodStart, i.PeriodEnd, i.Status,
                    i.TotalHt, i.TotalTtc, i.CreditedTtc, i.PaidTtc })
                .ToListAsync(cancellationToken);
            var items = rows.Select(i => new Summary(i.Id, i.Kind.ToString(), InvoiceView.KindLabelOf(i.Kind), i.Number, i.TenantId, i.Name,
                i.IssueDate, i.DueDate, new Domain.Billing.BillingPeriod(i.PeriodStart, i.PeriodEnd).Label, i.Status.ToString(),
                InvoiceView.StatusLabelOf(i.Status), i.TotalHt, i.TotalTtc,
                i.Kind == InvoiceKind.Invoice ? i.TotalTtc - i.CreditedTtc - i.PaidTtc : 0m,
                Invoice.CanTake(i.Kind, i.Status, i.TotalTtc - i.CreditedTtc - i.PaidTtc))).ToList();
            return new PagedResult<Summary>(items, total, page, size);
        }

    }

    /// <summary>The query's filters (not its paging) on issued invoices and credit notes; also used by the CSV export.</summary>
    public static IQueryable<Invoice> Filter(IQueryable<Invoice> source, Query q)
    {
        var invoices = source.Where(i => i.Status != InvoiceStatus.Draft);
        if (q.TenantId is { } tenantId) invoices = invoices.Where(i => i.TenantId == tenantId);
        if (q.BillingRunId is { } runId) invoices = invoices.Where(i => i.BillingRunId == runId);
        if (!string.IsNullOrWhiteSpace(q.Period))
        {
            if (!BillingPeriods.TryParse(q.Period, out var period, out _)) throw Invalid("period", BillingPeriods.FormatHelp);
            invoices = invoices.Where(i => i.PeriodStart == period.Start);
        }
        if (!string.IsNullOrWhiteSpace(q.Status))
        {
            if (!Enum.TryParse<InvoiceStatus>(q.Status, true, out var status) || status == InvoiceStatus.Draft)
                throw Invalid("status", "Statut inconnu : Issued, PartiallyPaid, Paid ou Cancelled.");
            invoices = invoices.Where(i => i.Status == status);
        }
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

    private static FluentValidation.ValidationException Invalid(string field, string message) =>
        new([new FluentValidation.Results.ValidationFailure(field, message)]);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices", async ([AsParameters] Query query, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(query, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("ListInvoices")
            .WithSummary("Factures et avoirs (une collectivité ne voit que les siens) ; filtres : tenantId, period, status, kind, search, billingRunId.");
}
