using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Email;

namespace SommeNumerique.Saas.Application.Features.Emails;

/// <summary>Staff: the e-mails of the outbox, most recent first, by status (pending, sent, failed).</summary>
public static class ListOutboxEmails
{
    /// <param name="Status">pending, sent or failed; all when empty.</param>
    [SentBy(Caller.Staff)]
    public sealed record Query(string? Status, int? Page, int? PageSize) : IQuery<PagedResult<OutboxEmailView>>;

    public const int MaxPageSize = 200;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).XmlSafeText();
            RuleFor(q => q.Status)
                .Must(s => string.IsNullOrWhiteSpace(s) || OutboxStatus.All.Contains(s.Trim().ToLowerInvariant()))
                .WithMessage($"Statut inconnu. Valeurs possibles : {string.Join(", ", OutboxStatus.All)}.");
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("La page commence à 1.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize)
                .WithMessage($"La taille de page doit être comprise entre 1 et {MaxPageSize}.");
        }
    }

    public sealed class Handler(ISaasDbContext db) : IQueryHandler<Query, PagedResult<OutboxEmailView>>
    {
        public async ValueTask<PagedResult<OutboxEmailView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = query.Page ?? 1;
            var pageSize = query.PageSize ?? 50;
            var emails = db.OutboxEmails.AsNoTracking();
            emails = query.Status?.Trim().ToLowerInvariant() switch
            {
                OutboxStatus.Sent => emails.Where(e => e.SentAt != null),
                OutboxStatus.Failed => emails.Where(e => e.FailedAt != null),
                OutboxStatus.Pending => emails.Where(e => e.SentAt == null && e.FailedAt == null),
                _ => emails,
            };
            var total = await emails.CountAsync(cancellationToken);
            var rows = await emails.OrderByDescending(e => e.QueuedAt).ThenBy(e => e.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .ToListAsync(cancellationToken);
            return new PagedResult<OutboxEmailView>(rows.Select(OutboxEmailView.Of).ToList(), total, page, pageSize);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder admin) =>
        admin.MapGet("/emails", async ([AsParameters] Query query, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(query, ct)))
            .RequireCallerOf<Query>()
            .WithName("ListOutboxEmails")
            .WithSummary("E-mails envoyés, en attente ou en échec (agents du syndicat) ; status : pending, sent ou failed.");
}
