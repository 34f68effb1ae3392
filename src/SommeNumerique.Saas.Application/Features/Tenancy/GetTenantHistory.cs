using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;

namespace SommeNumerique.Saas.Application.Features.Tenancy;

/// <summary>Staff and treasury: the audit entries about a tenant (identity, memberships, populations, EPCI link, profile, accounts), newest first.</summary>
public static class GetTenantHistory
{
    [SentBy(Caller.Host)]
    public sealed record Query(Guid TenantId) : IQuery<IReadOnlyList<HistoryEntry>>;

    public sealed record HistoryEntry(DateTimeOffset At, string? UserEmail, string Area, string Action, string? Before, string? After, string? Justification);

    public sealed class Handler(ISaasDbContext db) : IQueryHandler<Query, IReadOnlyList<HistoryEntry>>
    {
        public async ValueTask<IReadOnlyList<HistoryEntry>> Handle(Query query, CancellationToken cancellationToken)
        {
            var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == query.TenantId).Select(t => new { t.Siren }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Collectivité introuvable.");
            var siren = tenant.Siren.Value;
            var id = query.TenantId.ToString();
            var entries = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Subject == siren || e.Subject == id)
                .Select(e => new HistoryEntry(e.At, e.UserEmail, e.Area, e.Action, e.Before, e.After, e.Justification))
                .ToListAsync(cancellationToken);
            // Sorted in memory: DateTimeOffset ordering is not translated on every provider (SQLite).
            return entries.OrderByDescending(e => e.At).ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/tenants/{id:guid}/history", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .RequireCallerOf<Query>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetTenantHistory")
            .WithSummary("Historique d'une collectivité : les entrées du journal d'audit qui la concernent (agents et trésorerie).");
}
