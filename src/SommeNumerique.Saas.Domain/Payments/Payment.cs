using SommeNumerique.Saas.Domain.TenantIsolation;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Payments;

public enum PaymentMethod
{
    /// <summary>Paid by the buyer's public accountant on a mandat (the usual way between public bodies).</summary>
    Mandat = 1,
    /// <summary>Online, by card (Stripe Checkout).</summary>
    Card = 2,
    /// <summary>Online, by SEPA direct debit (Stripe Checkout; confirmed a few days later).</summary>
    SepaDebit = 3,
}

/// <summary>
/// Money received for an invoice. Created only by <see cref="Invoice.RecordPayment"/>, which keeps the
/// invoice's paid amount and status in step. Never deleted: a refunded online payment is reversed.
/// </summary>
public sealed class Payment : ITenantOwned
{
    private Payment() { Reference = ""; RecordedBy = ""; }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid InvoiceId { get; private set; }
    public PaymentMethod Method { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly PaidOn { get; private set; }
    /// <summary>Mandat number and date given by the paying body, or the Stripe payment reference.</summary>
    public string Reference { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    /// <summary>The online payment (Stripe) this payment comes from, if any.</summary>
    public Guid? OnlinePaymentId { get; private set; }
    public DateTimeOffset? ReversedAt { get; private set; }
    public string? ReversalReason { get; private set; }

    internal static Payment Record(Invoice invoice, PaymentMethod method, decimal amount, DateOnly paidOn, string reference,
        string recordedBy, DateTimeOffset at, Guid? onlinePaymentId)
    {
        if (string.IsNullOrWhiteSpace(reference)) throw new DomainException("Indiquez la référence du paiement (numéro de mandat).");
        if (reference.Trim().Length > 100) throw new DomainException("La référence du paiement compte au plus 100 caractères.");
        return new Payment
        {
            Id = Guid.NewGuid(),
            TenantId = invoice.TenantId,
            InvoiceId = invoice.Id,
            Method = method,
            Amount = amount,
            PaidOn = paidOn,
            Reference = reference.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = at,
            OnlinePaymentId = onlinePaymentId,
        };
    }

    /// <summary>Two references of one invoice name the same payment (case and surrounding blanks aside).</summary>
    public static bool SameReference(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    internal void Reverse(string reason, DateTimeOffset at)
    {
        ReversedAt = at;
        ReversalReason = reason;
    }

    internal void Restore()
    {
        ReversedAt = null;
        ReversalReason = null;
    }
}
