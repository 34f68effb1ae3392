using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Payments;

namespace SommeNumerique.Saas.Application.Features.Payments;

/// <summary>
/// Applies one verified webhook event of the payment provider, in one unit of work: the event is stored by
/// its id (a redelivered one changes nothing), the online payment moves forward only (events may arrive late,
/// twice or out of order), the invoice payment is recorded once when the money is confirmed and reversed on a
/// full refund or a dispute, and restored when the dispute is closed in the syndicate's favour. Runs in the host
/// context (no signed-in user).
/// </summary>
public static partial class HandlePaymentWebhook
{
    public enum Outcome
    {
        /// <summary>The event id was already stored: nothing done.</summary>
        AlreadyProcessed,
        /// <summary>Stored; it changed nothing (unknown type, unknown payment, older than what we know).</summary>
        Ignored,
        /// <summary>Stored, and the online payment (and possibly the invoice) changed.</summary>
        Applied,
    }

    [SentBy(Caller.System)]
    public sealed record Command(ProviderPaymentEvent Event) : ICommand<Outcome>;

    /// <summary>The event types this handler understands (any other is stored and ignored).</summary>
    public static class Types
    {
        public const string SessionCompleted = "checkout.session.completed";
        public const string SessionAsyncSucceeded = "checkout.session.async_payment_succeeded";
        public const string SessionAsyncFailed = "checkout.session.async_payment_failed";
        public const string SessionExpired = "checkout.session.expired";
        public const string IntentSucceeded = "payment_intent.succeeded";
        public const string IntentProcessing = "payment_intent.processing";
        public const string IntentFailed = "payment_intent.payment_failed";
        public const string ChargeRefunded = "charge.refunded";
        public const string DisputeCreated = "charge.dispute.created";
        public const string DisputeClosed = "charge.dispute.closed";
    }

    /// <summary>Who recorded a payment that came from the provider.</summary>
    public const string RecordedBy = "paiement en ligne (Stripe)";

    public sealed partial class Handler(ISaasDbContext db, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var e = command.Event;
            if (await db.PaymentWebhookEvents.AnyAsync(w => w.EventId == e.EventId, cancellationToken)) return Outcome.AlreadyProcessed;
            var now = clock.GetUtcNow();
            db.PaymentWebhookEvents.Add(new PaymentWebhookEvent(e.EventId, e.Type, now));

            var payment = await FindAsync(e, cancellationToken);
            if (payment is null)
            {
                LogUnmatched(e.EventId, e.Type);
                return Outcome.Ignored;
            }
            var changed = e.Type switch
            {
                Types.SessionCompleted when e.PaymentStatus == "paid" => await SucceedAsync(payment, e, e.MethodType ?? "card", now, cancellationToken),
                Types.SessionCompleted when e.PaymentStatus == "unpaid" => Process(payment, e, e.MethodType ?? "sepa_debit", now),
                Types.SessionAsyncSucceeded => await SucceedAsync(payment, e, e.MethodType ?? "sepa_debit", now, cancellationToken),
                Types.SessionAsyncFailed => Fail(payment, e, e.MethodType ?? "sepa_debit", now),
                Types.SessionExpired => payment.MoveTo(OnlinePaymentStatus.Expired, now),
                Types.IntentSucceeded => await SucceedAsync(payment, e, e.MethodType, now, cancellationToken),
                Types.IntentProcessing => Process(payment, e, e.MethodType ?? "sepa_debit", now),
                Types.IntentFailed => Fail(payment, e, e.MethodType, now),
                Types.ChargeRefunded when e.AmountCents is { } amount && e.AmountRefundedCents >= amount =>
                    await ReverseAsync(payment, e, OnlinePaymentStatus.Refunded, "Paiement en ligne remboursé.", now, cancellationToken),
                Types.DisputeCreated =>
                    await ReverseAsync(payment, e, OnlinePaymentStatus.Disputed, "Paiement en ligne contesté par le payeur.", now, cancellationToken),
                Types.DisputeClosed when e.PaymentStatus == "won" => await RestoreAsync(payment, e, now, cancellationToken),
                _ => false,
            };
            return changed ? Outcome.Applied : Outcome.Ignored;
        }

        /// <summary>Our metadata first, then the checkout session, then the payment intent.</summary>
        private async Task<OnlinePayment?> FindAsync(ProviderPaymentEvent e, CancellationToken ct)
        {
            if (e.OnlinePaymentId is { } id && await db.OnlinePayments.SingleOrDefaultAsync(p => p.Id == id, ct) is { } byId) return byId;
            if (e.CheckoutSessionId is { } session && await db.OnlinePayments.SingleOrDefaultAsync(p => p.CheckoutSessionId == session, ct) is { } bySession)
                return bySession;
            if (e.PaymentIntentId is { } intent)
                return await db.OnlinePayments.Where(p => p.PaymentIntentId == intent).OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);
            return null;
        }

        private static void Attach(OnlinePayment payment, ProviderPaymentEvent e, string? methodType) =>
            payment.AttachPaymentIntent(e.PaymentIntentId, MethodOf(methodType));

        private static bool Process(OnlinePayment payment, ProviderPaymentEvent e, string? methodType, DateTimeOffset now)
        {
            Attach(payment, e, methodType);
            return payment.MoveTo(OnlinePaymentStatus.Processing, now);
        }

        private static bool Fail(OnlinePayment payment, ProviderPaymentEvent e, string? methodType, DateTimeOffset now)
        {
            Attach(payment, e, methodType);
            return payment.MoveTo(OnlinePaymentStatus.Failed, now, TextValues.Truncate(e.FailureMessage ?? "Paiement refusé ou prélèvement rejeté.", 500));
        }

        /// <summary>
        /// The money is confirmed: records the invoice payment, once (whichever of the confirming events comes
        /// first; the unique index on the online payment id backs this against concurrent deliveries).
        /// </summary>
        private async Task<bool> SucceedAsync(OnlinePayment payment, ProviderPaymentEvent e, string? methodType, DateTimeOffset now, CancellationToken ct)
        {
            Attach(payment, e, methodType);
            if (payment.Status >= OnlinePaymentStatus.Succeeded) return false;
            var invoice = await db.Invoices.SingleAsync(i => i.Id == payment.InvoiceId, ct);
            var canRecord = payment.PaymentId is null && invoice.CanTakePayment && payment.Amount <= invoice.AmountDue;
            if (!canRecord)
            {
                // Paid twice (two checkout pages), or the invoice was cancelled meanwhile: the treasury refunds it.
                LogNotRecordable(payment.Id, invoice.Id);
                return payment.MoveTo(OnlinePaymentStatus.Succeeded, now,
                    $"Paiement reçu alors que la facture {invoice.Number} n'avait plus ce montant à payer : à rembourser.");
            }
            payment.MoveTo(OnlinePaymentStatus.Succeeded, now);
            var method = payment.Method ?? PaymentMethod.Card;
            var reference = payment.PaymentIntentId ?? payment.CheckoutSessionId ?? payment.Id.ToString("N");
            var earlier = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoice.Id).ToListAsync(ct);
            var recorded = invoice.RecordPayment(method, payment.Amount, DateOnly.FromDateTime(now.UtcDateTime), reference, RecordedBy, now,
                earlier, payment.Id);
            db.Payments.Add(recorded);
            payment.LinkPayment(recorded.Id);
            return true;
        }

        /// <summary>A full refund or a dispute: the invoice payment is reversed and the amount is due again.</summary>
        private async Task<bool> ReverseAsync(OnlinePayment payment, ProviderPaymentEvent e, OnlinePaymentStatus status, string reason,
            DateTimeOffset now, CancellationToken ct)
        {
            Attach(payment, e, null);
            if (!payment.MoveTo(status, now, reason)) return false;
            if (payment.PaymentId is not { } paymentId) return true;
            var recorded = await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
            var invoice = await db.Invoices.SingleAsync(i => i.Id == recorded.InvoiceId, ct);
            invoice.ReversePayment(recorded, reason, now);
            return true;
        }

        /// <summary>
        /// A dispute closed in the syndicate's favour: the money stays, the reversed invoice payment is restored
        /// (a dispute lost leaves it reversed). If the invoice was paid or cancelled meanwhile, the money is to refund.
        /// Only a disputed payment is restored; a paid one whose dispute we had not heard of just takes the status
        /// (so that a late "dispute created" is ignored); a refunded or failed one stays as it is.
        /// </summary>
        private async Task<bool> RestoreAsync(OnlinePayment payment, ProviderPaymentEvent e, DateTimeOffset now, CancellationToken ct)
        {
            Attach(payment, e, null);
            if (payment.Status == OnlinePaymentStatus.Succeeded) return payment.MoveTo(OnlinePaymentStatus.DisputeWon, now);
            if (payment.Status != OnlinePaymentStatus.Disputed) return false;
            if (payment.PaymentId is not { } paymentId)
                return payment.MoveTo(OnlinePaymentStatus.DisputeWon, now);
            var recorded = await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
            var invoice = await db.Invoices.SingleAsync(i => i.Id == recorded.InvoiceId, ct);
            if (recorded.ReversedAt is not null && !invoice.RestorePayment(recorded))
            {
                LogNotRecordable(payment.Id, invoice.Id);
                return payment.MoveTo(OnlinePaymentStatus.DisputeWon, now,
                    $"Contestation gagnée alors que la facture {invoice.Number} n'avait plus ce montant à payer : à rembourser.");
            }
            return payment.MoveTo(OnlinePaymentStatus.DisputeWon, now, "Contestation close en faveur du syndicat : paiement rétabli.");
        }

        private static PaymentMethod? MethodOf(string? type) => type switch
        {
            "card" => PaymentMethod.Card,
            "sepa_debit" => PaymentMethod.SepaDebit,
            _ => null,
        };

        [LoggerMessage(Level = LogLevel.Warning, Message = "Payment webhook {EventId} ({Type}) matches no online payment; stored and ignored")]
        private partial void LogUnmatched(string eventId, string type);

        [LoggerMessage(Level = LogLevel.Error, Message = "Online payment {OnlinePaymentId} succeeded but invoice {InvoiceId} cannot take it: to be refunded")]
        private partial void LogNotRecordable(Guid onlinePaymentId, Guid invoiceId);
    }

    /// <summary>Whether an event id is stored (after a failed save: was it a concurrent redelivery?).</summary>
    [SentBy(Caller.System)]
    public sealed record IsStored(string EventId) : IQuery<bool>;

    public sealed class IsStoredHandler(ISaasDbContext db) : IQueryHandler<IsStored, bool>
    {
        public async ValueTask<bool> Handle(IsStored query, CancellationToken cancellationToken) =>
            await db.PaymentWebhookEvents.AsNoTracking().AnyAsync(w => w.EventId == query.EventId, cancellationToken);
    }
}
