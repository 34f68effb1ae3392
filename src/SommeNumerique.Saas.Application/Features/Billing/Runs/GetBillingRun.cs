using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Billing;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>A billing run, its progress and a page of its tenants (largest amounts first), for staff.</summary>
public static class GetBillingRun
{
    [SentBy(Caller.Host)]
    public sealed record Query(Guid Id, int Page = 1, int PageSize = 100, string? Search = null) : IQuery<BillingRunView>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Search).XmlSafeText();
    }

    public sealed class Handler(ISaasDbContext db) : IQueryHandler<Query, BillingRunView>
    {
        public async ValueTask<BillingRunView> Handle(Query query, CancellationToken cancellationToken)
        {
            var run = await db.BillingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("Facturation introuvable.");
            var rows = db.BillingRunTenants.AsNoTracking().Where(t => t.RunId == run.Id);
            if (!string.IsNullOrWhiteSpace(query.Search)) rows = rows.Where(t => t.TenantName.Contains(query.Search.Trim()));
            var count = await rows.CountAsync(cancellationToken);
            var setAside = await db.BillingRunTenants.CountAsync(t => t.RunId == run.Id && t.Warnings != null, cancellationToken);
            var notIssued = await db.BillingRunTenants.CountAsync(t => t.RunId == run.Id && t.Status == BillingRunTenantStatus.ChangedSincePreview, cancellationToken);
            var size = Math.Clamp(query.PageSize, 1, 500);
            var page = await rows.OrderBy(t => t.TenantName).ThenBy(t => t.TenantId)
                .Skip((Math.Max(query.Page, 1) - 1) * size).Take(size)
                .ToListAsync(cancellationToken);
            var tenants = page.Select(t => new BillingRunTenantView(t.TenantId, t.TenantName, t.LineCount, t.TotalHt, t.TotalVat, t.TotalTtc,
                t.Warnings, t.Status == BillingRunTenantStatus.Issued, t.InvoiceId, t.Status.ToString(), BillingRunTenantView.Label(t.Status))).ToList();
            return new BillingRunView(run.Id, run.Period.Label, run.Alignment.ToString(), run.Status.ToString(), BillingRunView.Label(run.Status, notIssued),
                run.CreatedAt, run.CreatedBy, run.TenantCount, run.InvoiceCount, run.PreviewTotalHt, run.PreviewTotalTtc,
                run.TenantsDone, run.InvoicesIssued, run.IssuedTotalHt, run.IssuedTotalTtc, run.EndReason, setAside, tenants, count, notIssued);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/billing-runs/{id:guid}", async (Guid id, int? page, int? pageSize, string? search, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id, page ?? 1, pageSize ?? 100, search), ct)))
            .RequireCallerOf<Query>()
            .WithName("GetBillingRun")
            .WithSummary("Une facturation : état, avancement (collectivités traitées / total, montants) et ses collectivités.");
}
