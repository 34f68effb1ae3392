using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>The billing runs, newest first.</summary>
public static class ListBillingRuns
{
    public sealed record Summary(Guid Id, string Period, string Status, string StatusLabel, DateTimeOffset CreatedAt, string CreatedBy,
        int TenantCount, int TenantsDone, decimal PreviewTotalTtc, decimal IssuedTotalTtc);

    [SentBy(Caller.Host)]
    public sealed record Query : IQuery<IReadOnlyList<Summary>>;

    public sealed class Handler(ISaasDbContext db) : IQueryHandler<Query, IReadOnlyList<Summary>>
    {
        public async ValueTask<IReadOnlyList<Summary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var runs = await db.BillingRuns.AsNoTracking().ToListAsync(cancellationToken);
            return runs.OrderByDescending(r => r.CreatedAt).Take(200)
                .Select(r => new Summary(r.Id, r.Period.Label, r.Status.ToString(), BillingRunView.Label(r.Status), r.CreatedAt, r.CreatedBy,
                    r.TenantCount, r.TenantsDone, r.PreviewTotalTtc, r.IssuedTotalTtc))
                .ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/billing-runs", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(), ct)))
            .RequireCallerOf<Query>()
            .WithName("ListBillingRuns")
            .WithSummary("Les facturations, les plus récentes d'abord.");
}
