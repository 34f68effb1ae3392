using Mediator;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Payments;

namespace SommeNumerique.Saas.Application.Features.Payments;

/// <summary>
/// For the portal's invoice pages: whether online payment is switched on, and which of the given invoices
/// (of the caller's scope) have a SEPA debit being processed. Read from the database, never from the return URL.
/// </summary>
public static class GetOnlinePaymentStates
{
    public sealed record Result(bool Enabled, IReadOnlySet<Guid> Processing)
    {
        /// <summary>Whether to offer "Payer en ligne" for an invoice that can take a payment (no SEPA debit pending).</summary>
        public bool CanPay(Guid invoiceId, bool canTakePayment) => Enabled && canTakePayment && !Processing.Contains(invoiceId);
    }

    [SentBy(Caller.SignedIn)]
    public sealed record Query(IReadOnlyCollection<Guid> InvoiceIds) : IQuery<Result>;

    public sealed class Handler(ISaasDbContext db, IOnlinePaymentGateway gateway) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.InvoiceIds.Count == 0) return new Result(gateway.IsEnabled, new HashSet<Guid>());
            var ids = query.InvoiceIds.ToList();
            var processing = await db.OnlinePayments.AsNoTracking()
                .Where(p => ids.Contains(p.InvoiceId) && p.Status == OnlinePaymentStatus.Processing)
                .Select(p => p.InvoiceId).Distinct().ToListAsync(cancellationToken);
            return new Result(gateway.IsEnabled, processing.ToHashSet());
        }
    }
}
