using System.Globalization;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Invoicing;

public enum InvoiceKind
{
    Invoice = 1,
    /// <summary>Avoir: cancels an issued invoice wholly or for some of its lines.</summary>
    CreditNote = 2,
}

public enum InvoiceStatus
{
    /// <summary>Being prepared: no number yet.</summary>
    Draft = 0,
    Issued = 1,
    PartiallyPaid = 2,
    Paid = 3,
    /// <summary>Wholly cancelled by credit notes.</summary>
    Cancelled = 4,
}

/// <summary>The buyer as printed on the invoice, frozen at issue (a later change of address does not alter it).</summary>
public sealed record InvoiceBuyer(string Name, string Siren, string? AddressLines, string? ContactEmail);

/// <summary>
/// An invoice or a credit note (avoir) of a tenant. Its content is fixed when it is created; it gets its
/// number when issued. An issued invoice is never edited nor deleted: only its status follows payments and
/// credit notes.
/// </summary>
public sealed class Invoice : ITenantOwned
{
    public const int PaymentTermDays = 30;

    private readonly List<InvoiceLine> _lines = [];

    private Invoice() { Buyer = null!; }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public InvoiceKind Kind { get; private set; }
    public InvoiceStatus Status { get; private set; }
    public string? Number { get; private set; }
    public int? NumberYear { get; private set; }
    public long? SequenceNumber { get; private set; }
    public DateOnly? IssueDate { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public InvoiceBuyer Buyer { get; private set; }
    public Guid? BillingRunId { get; private set; }
    /// <summary>Credit notes: the invoice they correct, and why.</summary>
    public Guid? CreditedInvoiceId { get; private set; }
    public string? CreditedInvoiceNumber { get; private set; }
    public string? Reason { get; private set; }
    public decimal TotalHt { get; private set; }
    public decimal TotalVat { get; private set; }
    public decimal TotalTtc { get; private set; }
    /// <summary>Invoices: TTC cancelled by credit notes so far.</summary>
    public decimal CreditedTtc { get; private set; }
    public decimal PaidTtc { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Optimistic concurrency token (credit notes and payments change the status).</summary>
    public int Version { get; private set; }
    public IReadOnlyList<InvoiceLine> Lines => _lines;

    public decimal AmountDue => TotalTtc - CreditedTtc - PaidTtc;
    public IReadOnlyList<VatTotal> VatByRate() => InvoiceTotals.VatByRate(_lines);

    /// <summary>A draft invoice of a billing run for one tenant and period.</summary>
    public static Invoice Draft(Guid tenantId, InvoiceBuyer buyer, DateOnly periodStart, DateOnly periodEnd,
        IEnumerable<InvoiceLine> lines, Guid? billingRunId, DateTimeOffset at)
    {
        var invoice = new Invoice
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            Kind = InvoiceKind.Invoice,
            Status = InvoiceStatus.Draft,
            PeriodStart = periodStart,
            PeriodEnd = periodEnd,
            Buyer = buyer,
            BillingRunId = billingRunId,
            CreatedAt = at,
        };
        invoice.SetLines(lines);
        return invoice;
    }

    /// <summary>Gives the number and the dates; due 30 days after issue (public bodies).</summary>
    public void Issue(long sequenceNumber, DateOnly issueDate)
    {
        if (Status != InvoiceStatus.Draft) throw new DomainException($"La pièce {Number} est déjà émise.");
        SequenceNumber = sequenceNumber;
        NumberYear = issueDate.Year;
        Number = InvoiceSeries.Format(InvoiceSeries.Of(Kind), issueDate.Year, sequenceNumber);
        IssueDate = issueDate;
        DueDate = issueDate.AddDays(PaymentTermDays);
        Status = InvoiceStatus.Issued;
        Version++;
    }

    /// <summary>
    /// Drafts a credit note (avoir) cancelling the given lines of this issued invoice (all remaining lines when
    /// none are given). A line can be credited once. The credit note is issued in the same transaction.
    /// </summary>
    public Invoice DraftCreditNote(IReadOnlyCollection<int>? positions, string reason, IEnumerable<InvoiceLine> alreadyCredited, DateTimeOffset at)
    {
        if (Kind != InvoiceKind.Invoice) throw new DomainException("Un avoir ne peut pas lui-même faire l'objet d'un avoir.");
        if (Status == InvoiceStatus.Draft) throw new DomainException("Une facture non émise se corrige sans avoir.");
        if (Status == InvoiceStatus.Cancelled) throw new DomainException($"La facture {Number} est déjà entièrement annulée.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Indiquez le motif de l'avoir.");
        var credited = alreadyCredited.Where(l => l.CreditsPosition is not null).Select(l => l.CreditsPosition!.Value).ToHashSet();
        var wanted = positions is { Count: > 0 } ? positions.Distinct().ToList() : _lines.Select(l => l.Position).Where(p => !credited.Contains(p)).ToList();
        var unknown = wanted.Where(p => _lines.All(l => l.Position != p)).ToList();
        if (unknown.Count > 0) throw new DomainException($"La facture {Number} n'a pas de ligne n° {string.Join(", ", unknown)}.");
        var twice = wanted.Where(credited.Contains).ToList();
        if (twice.Count > 0) throw new DomainException($"Ligne(s) n° {string.Join(", ", twice)} déjà annulée(s) par un avoir.");
        if (wanted.Count == 0) throw new DomainException($"Toutes les lignes de la facture {Number} sont déjà annulées.");

        var position = 0;
        var lines = _lines.Where(l => wanted.Contains(l.Position))
            .Select(l => l with { Position = ++position, CreditsPosition = l.Position })
            .ToList();
        var note = new Invoice
        {
            Id = Guid.NewGuid(),
            TenantId = TenantId,
            Kind = InvoiceKind.CreditNote,
            Status = InvoiceStatus.Draft,
            PeriodStart = PeriodStart,
            PeriodEnd = PeriodEnd,
            Buyer = Buyer with { }, // an owned value: each document keeps its own copy
            CreditedInvoiceId = Id,
            CreditedInvoiceNumber = Number,
            Reason = reason.Trim(),
            CreatedAt = at,
        };
        note.SetLines(lines);
        return note;
    }

    /// <summary>Records an issued credit note against this invoice; cancelled once every line is credited.</summary>
    public void ApplyCreditNote(Invoice creditNote, int creditedLineCount)
    {
        if (creditNote.CreditedInvoiceId != Id || creditNote.Status == InvoiceStatus.Draft)
            throw new DomainException("Cet avoir ne porte pas sur cette facture ou n'est pas émis.");
        CreditedTtc += creditNote.TotalTtc;
        if (creditedLineCount >= _lines.Count) Status = InvoiceStatus.Cancelled;
        Version++;
    }

    private void SetLines(IEnumerable<InvoiceLine> lines)
    {
        _lines.AddRange(lines);
        if (_lines.Count == 0) throw new DomainException("Une facture a au moins une ligne.");
        if (_lines.Any(l => l.AmountHt != Money.Round(l.AmountHt))) throw new DomainException("Chaque ligne est arrondie au centime.");
        TotalHt = _lines.Sum(l => l.AmountHt);
        TotalVat = VatByRate().Sum(v => v.Vat);
        TotalTtc = TotalHt + TotalVat;
    }
}
