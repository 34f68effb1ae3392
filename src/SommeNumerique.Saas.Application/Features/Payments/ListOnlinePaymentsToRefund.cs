using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Payments;

namespace SommeNumerique.Saas.Application.Features.Payments;

/// <summary>
/// Online payments the treasury must refund: money received (Stripe confirmed it) that no invoice could take,
/// because the invoice was paid meanwhile (by mandat, or through a second checkout page) or cancelled.
/// They are the succeeded online payments without an invoice payment.
/// </summary>
public static class ListOnlinePaymentsToRefund
{
    public sealed record Item(Guid Id, Guid InvoiceId, string? InvoiceNumber, string BuyerName, decimal Amount, string? PaymentIntentId,
        DateTimeOffset ReceivedAt, string? Reason);

    [SentBy(Caller.Host)]
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed class Handler(ISaasDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await (
                from online in db.OnlinePayments.AsNoTracking()
                where online.Status == OnlinePaymentStatus.Succeeded && online.PaymentId == null
                join invoice in db.Invoices.AsNoTracking() on online.InvoiceId equals invoice.Id
                select new { online.Id, online.InvoiceId, invoice.Number, invoice.Buyer.Name, online.Amount, online.PaymentIntentId, online.UpdatedAt, online.FailureReason })
                .ToListAsync(cancellationToken);
            return rows.OrderBy(r => r.UpdatedAt)
                .Select(r => new Item(r.Id, r.InvoiceId, r.Number, r.Name, r.Amount, r.PaymentIntentId, r.UpdatedAt, r.FailureReason))
                .ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/online-payments/to-refund", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Query(), ct)))
            .RequireCallerOf<Query>()
            .WithName("ListOnlinePaymentsToRefund")
            .WithSummary("Paiements en ligne reçus qu'aucune facture n'a pu prendre (déjà payée ou annulée entre-temps) : à rembourser.");
}
