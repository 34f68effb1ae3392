using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;

namespace SommeNumerique.Saas.Application.Features.Catalogue.Admin;

/// <summary>Staff: one item with its offers, tariff history and the audit log of its changes.</summary>
public static class GetCatalogueItem
{
    [SentBy(Caller.Staff)]
    public sealed record Query(string ItemCode) : IQuery<ItemDetails>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.ItemCode).XmlSafeText();
    }

    public sealed record AuditView(DateTimeOffset At, string? UserEmail, string Action, string Subject, string? Before, string? After, string? Justification);

    public sealed record ItemDetails(CatalogueItemView Item, IReadOnlyList<AuditView> History);

    public sealed class Handler(ISaasDbContext db, TypeAdapterConfig mapping) : IQueryHandler<Query, ItemDetails>
    {
        public async ValueTask<ItemDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            var code = query.ItemCode.Trim().ToUpperInvariant();
            var item = await db.CatalogueItems.AsNoTracking().Include(i => i.Offers).ThenInclude(o => o.Versions)
                           .SingleOrDefaultAsync(i => i.Code == code, cancellationToken)
                       ?? throw new NotFoundException($"Le service « {query.ItemCode} » n'existe pas au catalogue.");
            var subjects = item.Offers.Select(o => o.Code).Append(item.Code).ToList();
            var history = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Area == CatalogueAudit.Area && subjects.Contains(a.Subject))
                .OrderByDescending(a => a.At).Take(100)
                .Select(a => new AuditView(a.At, a.UserEmail, a.Action, a.Subject, a.Before, a.After, a.Justification))
                .ToListAsync(cancellationToken);
            return new ItemDetails(item.Adapt<CatalogueItemView>(mapping), history);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder admin) =>
        admin.MapGet("/catalogue/{itemCode}", async (string itemCode, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(itemCode), ct)))
            .RequireCallerOf<Query>()
            .WithName("GetCatalogueItem")
            .WithSummary("Un service du catalogue : offres, historique des tarifs, journal des modifications.");
}

/// <summary>Audit log vocabulary of the catalogue.</summary>
public static class CatalogueAudit
{
    public const string Area = "Catalogue";
}
