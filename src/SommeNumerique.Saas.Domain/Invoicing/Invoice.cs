using SommeNumerique.Saas.Domain.TenantIsolation;
using System.Globalization;
using SommeNumerique.Saas.Domain.Accounting;
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

/// <summary>
/// The buyer as printed on the invoice, frozen at issue (a later change of address does not alter it).
/// <see cref="AddressLines"/> is the printed block (lines separated by '\n'); <see cref="PostalCode"/> and
/// <see cref="City"/> are kept apart for the treasury exports (PES tiers, EN 16931 buyer address).
/// </summary>
public sealed record InvoiceBuyer(string Name, string Siren, string? AddressLines, string? ContactEmail)
{
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    /// <summary>SIRET of the establishment billed (EN 16931 BT-47 for Chorus Pro, PES IdTiers).</summary>
    public string? Siret { get; init; }
    /// <summary>Chorus Pro code service exécutant (EN 16931 BT-10).</summary>
    public string? ServiceCode { get; init; }
    /// <summary>Chorus Pro numéro d'engagement (EN 16931 BT-13).</summary>
    public string? EngagementNumber { get; init; }

    /// <summary>The street: the first printed line, when a line "postal code city" follows it.</summary>
    public string? Street => AddressLines?.Split('\n') is { Length: > 1 } lines ? lines[0] : null;

    /// <summary>
    /// The buyer as <paramref name="tenant"/>'s record stands now: name, SIREN, billing address (line 1, line 2
    /// when given, then "postal code city"), billing contact's e-mail, SIRET and Chorus Pro references.
    /// </summary>
    public static InvoiceBuyer From(Tenant tenant) => new(
        tenant.Name, tenant.Siren.Value, AddressLinesOf(tenant.BillingAddress), tenant.BillingContact?.Email)
    {
        PostalCode = tenant.BillingAddress?.PostalCode,
        City = tenant.BillingAddress?.City,
        Siret = tenant.Siret,
        ServiceCode = tenant.ChorusServiceCode,
        EngagementNumber = tenant.ChorusEngagementNumber,
    };

    private static string? AddressLinesOf(PostalAddress? address) =>
        address is null
            ? null
            : string.Join("\n", new[] { address.Line1, address.Line2, $"{address.PostalCode} {address.City}" }.Where(l => !string.IsNullOrWhiteSpace(l)));
}

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
    /// <summary>The budget the document belongs to: its series, its PES flow, its identity with the comptable public.</summary>
    public Budget Budget { get; private set; }
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
    /// <summary>
    /// PES V2 (Hélios): the exercise, bordereau and titre numbers given the first time this piece was exported
    /// to the public accountant, then kept so that every later export of it is identical.
    /// </summary>
    public int? PesExercise { get; private set; }
    public int? PesBordereauNumber { get; private set; }
    public long? PesTitreNumber { get; private set; }
    /// <summary>Optimistic concurrency token (credit notes and payments change the status).</summary>
    public int Version { get; private set; }
    public IReadOnlyList<InvoiceLine> Lines => _lines;

    public decimal AmountDue => TotalTtc - CreditedTtc - PaidTtc;

    /// <summary>
    /// Whether this document is sent to the comptable public as a titre de recette (an invoice that orders a
    /// payment) or a reduction of one (a credit note). A document that nets to zero (a vault in its free year)
    /// is only a statement for the tenant: no titre number, not in the PES flow (a titre orders a payment).
    /// Its lines as the comptable sees them: <see cref="TitreLines.Of"/>.
    /// </summary>
    public bool GoesToComptable => TotalHt > 0;

    /// <summary>Whether a payment can be recorded now: an issued or partly paid invoice with something left to pay.</summary>
    public bool CanTakePayment => CanTake(Kind, Status, AmountDue);

    /// <inheritdoc cref="CanTakePayment"/>
    public static bool CanTake(InvoiceKind kind, InvoiceStatus status, decimal amountDue) =>
        kind == InvoiceKind.Invoice && status is InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid && amountDue > 0;
    public IReadOnlyList<VatTotal> VatByRate() => InvoiceTotals.VatByRate(_lines);

    /// <summary>A draft invoice of a billing run for one tenant and period.</summary>
    public static Invoice Draft(Guid tenantId, Budget budget, InvoiceBuyer buyer, DateOnly periodStart, DateOnly periodEnd,
        IEnumerable<InvoiceLine> lines, Guid? billingRunId, DateTimeOffset at)
    {
        var invoice = new Invoice
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            Budget = budget,
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
    /// none are given), with the share of the rule lines that adjust them (<see cref="InvoiceCredit"/>). A
    /// line can be credited once; a rule line (gratuity, floor, cap) is never credited alone. The credit note
    /// reduces the debt and never raises it: its TTC lies between zero and what the invoice has left
    /// uncredited. It is issued in the same transaction.
    /// </summary>
    public Invoice DraftCreditNote(IReadOnlyCollection<int>? positions, string reason, IEnumerable<InvoiceLine> alreadyCredited, DateTimeOffset at)
    {
        if (Kind != InvoiceKind.Invoice) throw new DomainException("Un avoir ne peut pas lui-même faire l'objet d'un avoir.");
        if (Status == InvoiceStatus.Draft) throw new DomainException("Une facture non émise se corrige sans avoir.");
        if (Status == InvoiceStatus.Cancelled) throw new DomainException($"La facture {Number} est déjà entièrement annulée.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Indiquez le motif de l'avoir.");
        var credited = InvoiceCredit.CreditedHt(alreadyCredited);
        var chosen = ChooseLinesToCredit(positions, credited);

        var lines = InvoiceCredit.NoteLines(_lines, chosen, credited);
        if (lines.Count == 0) throw new DomainException($"Toutes les lignes de la facture {Number} sont déjà annulées.");
        var note = new Invoice
        {
            Id = Guid.NewGuid(),
            TenantId = TenantId,
            Budget = Budget,
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
        if (note.TotalTtc < 0)
            throw new DomainException($"Cet avoir ({FrenchText.Euros(note.TotalTtc)} TTC) augmenterait la somme due : un avoir ne peut que la réduire.");
        if (note.TotalTtc > TotalTtc - CreditedTtc)
            throw new DomainException($"Cet avoir ({FrenchText.Euros(note.TotalTtc)} TTC) dépasse ce qui reste de la facture {Number} à annuler ({FrenchText.Euros(TotalTtc - CreditedTtc)} TTC).");
        return note;
    }

    /// <summary>
    /// The lines the caller asked to credit, checked: known, not credited yet, and no rule line on its own (a
    /// rule line ticked with every service line it adjusts is simply credited with them).
    /// </summary>
    private HashSet<int> ChooseLinesToCredit(IReadOnlyCollection<int>? positions, IReadOnlyDictionary<int, decimal> credited)
    {
        if (positions is not { Count: > 0 })
            return _lines.Where(l => !credited.ContainsKey(l.Position)
                    && (!InvoiceCredit.IsRuleLine(l) || InvoiceCredit.ServiceLinesOf(l, _lines).Count == 0)) // a rule line without its service goes with the whole
                .Select(l => l.Position).ToHashSet();
        var wanted = positions.Distinct().ToList();
        var unknown = wanted.Where(p => _lines.All(l => l.Position != p)).ToList();
        if (unknown.Count > 0) throw new DomainException($"La facture {Number} n'a pas de ligne n° {string.Join(", ", unknown)}.");
        var chosen = new HashSet<int>();
        foreach (var line in _lines.Where(l => wanted.Contains(l.Position)).OrderBy(l => l.Position))
        {
            if (!InvoiceCredit.IsRuleLine(line))
            {
                chosen.Add(line.Position);
                continue;
            }
            var services = InvoiceCredit.ServiceLinesOf(line, _lines);
            var missing = services.Where(s => !wanted.Contains(s.Position) && !credited.ContainsKey(s.Position)).ToList();
            if (services.Count == 0 || missing.Count > 0)
                throw new DomainException(services.Count == 0
                    ? $"La ligne n° {line.Position} (« {line.Label} ») ne s'annule pas seule : elle ajuste le montant d'une prestation, un avoir ne l'annule qu'avec elle."
                    : $"La ligne n° {line.Position} (« {line.Label} ») ne s'annule pas seule : elle suit la ligne n° {string.Join(", ", missing.Select(s => s.Position))} ; " +
                      "cochez cette ligne de prestation, l'avoir en reprendra la part de cet ajustement.");
        }
        var twice = chosen.Where(credited.ContainsKey).ToList();
        if (twice.Count > 0) throw new DomainException($"Ligne(s) n° {string.Join(", ", twice)} déjà annulée(s) par un avoir.");
        return chosen;
    }

    /// <summary>
    /// Records an issued credit note against this invoice (<paramref name="earlierCreditLines"/>: the lines of
    /// the credit notes issued before it); cancelled once every line is wholly credited.
    /// </summary>
    public void ApplyCreditNote(Invoice creditNote, IEnumerable<InvoiceLine> earlierCreditLines)
    {
        if (creditNote.CreditedInvoiceId != Id || creditNote.Status == InvoiceStatus.Draft)
            throw new DomainException("Cet avoir ne porte pas sur cette facture ou n'est pas émis.");
        CreditedTtc += creditNote.TotalTtc;
        var credited = InvoiceCredit.CreditedHt(earlierCreditLines.Concat(creditNote.Lines));
        if (_lines.All(l => InvoiceCredit.IsFullyCredited(l, credited))) Status = InvoiceStatus.Cancelled;
        else RefreshPaymentStatus();
        Version++;
    }

    /// <summary>
    /// Records a payment received for this invoice (a mandat of the paying body, or an online payment),
    /// partial or full; the status follows (partially paid, paid). More than what is left to pay is refused,
    /// and so is a second payment with the reference of one already <paramref name="recorded"/> on this invoice
    /// (the same mandat sent twice; a unique index backs this against concurrent requests).
    /// </summary>
    public Payments.Payment RecordPayment(Payments.PaymentMethod method, decimal amount, DateOnly paidOn, string reference,
        string recordedBy, DateTimeOffset at, IEnumerable<Payments.Payment> recorded, Guid? onlinePaymentId = null)
    {
        if (Kind != InvoiceKind.Invoice) throw new DomainException("Un paiement s'enregistre sur une facture, pas sur un avoir.");
        if (Status is InvoiceStatus.Draft) throw new DomainException("Cette facture n'est pas émise.");
        if (Status is InvoiceStatus.Cancelled) throw new DomainException($"La facture {Number} est annulée : aucun paiement ne peut y être enregistré.");
        if (amount <= 0) throw new DomainException("Le montant payé doit être positif.");
        if (amount != Money.Round(amount)) throw new DomainException("Le montant payé s'exprime au centime près.");
        if (amount > AmountDue)
            throw new DomainException($"Le montant payé ({FrenchText.Euros(amount)}) dépasse le reste à payer de la facture {Number} ({FrenchText.Euros(AmountDue)}).");
        if (IssueDate is { } issued && paidOn < issued)
            throw new DomainException($"La date de paiement précède l'émission de la facture ({FrenchText.Day(issued)}).");
        var payment = Payments.Payment.Record(this, method, amount, paidOn, reference, recordedBy, at, onlinePaymentId);
        if (recorded.FirstOrDefault(p => p.InvoiceId == Id && Payments.Payment.SameReference(p.Reference, payment.Reference)) is { } twice)
            throw new FieldRuleException("reference", $"Le paiement de référence « {twice.Reference} » est déjà enregistré sur la facture {Number} "
                + $"(le {FrenchText.Day(twice.PaidOn)}, {FrenchText.Euros(twice.Amount)}) : un même mandat ne s'enregistre qu'une fois.");
        PaidTtc += amount;
        RefreshPaymentStatus();
        Version++;
        return payment;
    }

    /// <summary>Undoes a recorded payment (an online payment refunded or disputed): the amount is due again.</summary>
    public void ReversePayment(Payments.Payment payment, string reason, DateTimeOffset at)
    {
        if (payment.InvoiceId != Id) throw new DomainException("Ce paiement ne porte pas sur cette facture.");
        if (payment.ReversedAt is not null) return;
        payment.Reverse(reason, at);
        PaidTtc -= payment.Amount;
        RefreshPaymentStatus();
        Version++;
    }

    /// <summary>
    /// Restores a reversed payment (an online payment whose dispute the syndicate won: the money is kept), if
    /// the invoice can still take it; returns false when it cannot (paid meanwhile by mandat, or cancelled: the
    /// money is then to be refunded) or when the payment was not reversed.
    /// </summary>
    public bool RestorePayment(Payments.Payment payment)
    {
        if (payment.InvoiceId != Id) throw new DomainException("Ce paiement ne porte pas sur cette facture.");
        if (payment.ReversedAt is null || !CanTakePayment || payment.Amount > AmountDue) return false;
        payment.Restore();
        PaidTtc += payment.Amount;
        RefreshPaymentStatus();
        Version++;
        return true;
    }

    /// <summary>
    /// Gives this piece its PES numbers the first time it is exported to the public accountant; later exports
    /// keep them (the call is then ignored).
    /// </summary>
    public void AssignPesNumbers(int exercise, int bordereauNumber, long titreNumber)
    {
        if (Status == InvoiceStatus.Draft) throw new DomainException("Une pièce non émise ne se transmet pas au comptable.");
        if (PesTitreNumber is not null) return;
        PesExercise = exercise;
        PesBordereauNumber = bordereauNumber;
        PesTitreNumber = titreNumber;
    }

    private void RefreshPaymentStatus()
    {
        if (Status is InvoiceStatus.Draft or InvoiceStatus.Cancelled || Kind != InvoiceKind.Invoice) return;
        Status = PaidTtc <= 0 ? InvoiceStatus.Issued
            : AmountDue <= 0 ? InvoiceStatus.Paid
            : InvoiceStatus.PartiallyPaid;
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
