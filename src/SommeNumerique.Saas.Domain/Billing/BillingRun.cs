using SommeNumerique.Saas.Domain.TenantIsolation;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Billing;

public enum BillingRunStatus
{
    /// <summary>Computed and shown (dry run); nothing invoiced yet.</summary>
    Previewed = 1,
    /// <summary>Invoices being created, batch by batch; resumed after a crash.</summary>
    Issuing = 2,
    /// <summary>
    /// Ended: every tenant issued, or the issue stopped because billing changed since the preview (the invoices
    /// committed stand, the other tenants are marked <see cref="BillingRunTenantStatus.ChangedSincePreview"/>).
    /// </summary>
    Issued = 3,
    /// <summary>A preview dropped by staff, or left incomplete by a stopped process and cleaned up at start-up.</summary>
    Abandoned = 4,
}

/// <summary>Where one tenant of a run stands.</summary>
public enum BillingRunTenantStatus
{
    /// <summary>Previewed; not issued yet.</summary>
    Pending = 1,
    /// <summary>Issued: its invoice (if it had anything to invoice) is committed.</summary>
    Issued = 2,
    /// <summary>Not issued: billing changed since the preview and the run ended without it; the next run bills it.</summary>
    ChangedSincePreview = 3,
}

/// <summary>
/// A billing run of one period: what every tenant owes for it minus what is already invoiced. Only one run
/// of a period may be open (previewed or issuing) at a time: <see cref="OpenPeriodKey"/> carries a unique
/// index, set while the run is open and cleared when it ends, so the database refuses a second one. And the
/// runs of a period are numbered (<see cref="Sequence"/>, unique per period): a run is opened as the one after
/// the period's latest run, so of two runs started on the same knowledge of the period the database refuses
/// one, even when the other has already ended by then (a direct issue of an empty period ends in milliseconds).
/// </summary>
public sealed class BillingRun : ISharedAcrossTenants
{
    private BillingRun() { CreatedBy = ""; }

    public Guid Id { get; private set; }
    public BillingAlignment Alignment { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public BillingRunStatus Status { get; private set; }
    /// <summary>1 for the first run of the period, then 2, 3...: (alignment, period start, sequence) is unique.</summary>
    public int Sequence { get; private set; }
    public string? OpenPeriodKey { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? IssueStartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndReason { get; private set; }

    // Preview totals (what will be issued).
    public int TenantCount { get; private set; }
    public int InvoiceCount { get; private set; }
    public decimal PreviewTotalHt { get; private set; }
    public decimal PreviewTotalTtc { get; private set; }

    // Progress of the issue, committed with each batch.
    public int TenantsDone { get; private set; }
    public int InvoicesIssued { get; private set; }
    public decimal IssuedTotalHt { get; private set; }
    public decimal IssuedTotalTtc { get; private set; }

    public BillingPeriod Period => new(PeriodStart, PeriodEnd);

    /// <param name="sequence">The period's latest run's <see cref="Sequence"/> plus one (1 for the first run).</param>
    public static BillingRun Open(BillingPeriod period, BillingAlignment alignment, int sequence, string createdBy, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        Sequence = sequence >= 1 ? sequence : throw new ArgumentOutOfRangeException(nameof(sequence)),
        Alignment = alignment,
        PeriodStart = period.Start,
        PeriodEnd = period.End,
        Status = BillingRunStatus.Previewed,
        OpenPeriodKey = KeyOf(period, alignment),
        CreatedBy = createdBy,
        CreatedAt = at,
    };

    /// <summary>"CAL-2025", "SCO-2025-2026": one open run per key.</summary>
    public static string KeyOf(BillingPeriod period, BillingAlignment alignment) =>
        (alignment == BillingAlignment.SchoolYear ? "SCO-" : "CAL-") + period.Label;

    public void RecordPreview(int tenantCount, int invoiceCount, decimal totalHt, decimal totalTtc)
    {
        EnsureStatus(BillingRunStatus.Previewed);
        TenantCount = tenantCount;
        InvoiceCount = invoiceCount;
        PreviewTotalHt = totalHt;
        PreviewTotalTtc = totalTtc;
    }

    public void StartIssue(DateTimeOffset at)
    {
        if (Status == BillingRunStatus.Issuing) return; // resuming
        EnsureStatus(BillingRunStatus.Previewed);
        Status = BillingRunStatus.Issuing;
        IssueStartedAt = at;
    }

    public void RecordBatch(int tenants, int invoices, decimal totalHt, decimal totalTtc)
    {
        EnsureStatus(BillingRunStatus.Issuing);
        TenantsDone += tenants;
        InvoicesIssued += invoices;
        IssuedTotalHt += totalHt;
        IssuedTotalTtc += totalTtc;
    }

    public void Complete(DateTimeOffset at)
    {
        EnsureStatus(BillingRunStatus.Issuing);
        Status = BillingRunStatus.Issued;
        OpenPeriodKey = null;
        EndedAt = at;
    }

    /// <summary>
    /// The one rule for billing that changed since the preview, applied when an issue starts and each time it
    /// resumes. <paramref name="notIssued"/> are the run's tenants not issued yet; <paramref name="fingerprintsNow"/>
    /// the fingerprints of what would be invoiced now (to them, and to any tenant the preview did not have). If
    /// nothing changed, returns 0 and the issue goes on. Otherwise the run ends here: the invoices committed so far
    /// stand, every tenant not issued is marked "not issued, changed since the preview", and the period is freed:
    /// the next run of the period bills what is still owed (what is owed minus what is already invoiced).
    /// Returns the number of tenants whose bill changed.
    /// </summary>
    public int EndIfChangedSincePreview(IReadOnlyCollection<BillingRunTenant> notIssued, IReadOnlyDictionary<Guid, string> fingerprintsNow, DateTimeOffset at)
    {
        if (Status != BillingRunStatus.Previewed) EnsureStatus(BillingRunStatus.Issuing);
        if (notIssued.Any(t => t.RunId != Id || t.Status != BillingRunTenantStatus.Pending))
            throw new ArgumentException("Only this run's tenants not issued yet.", nameof(notIssued));
        var previewed = notIssued.ToDictionary(t => t.TenantId, t => t.Fingerprint);
        var changed = previewed.Count(p => fingerprintsNow.GetValueOrDefault(p.Key) != p.Value)
            + fingerprintsNow.Keys.Count(id => !previewed.ContainsKey(id));
        if (changed == 0) return 0;

        foreach (var tenant in notIssued) tenant.MarkChangedSincePreview();
        Status = BillingRunStatus.Issued;
        IssueStartedAt ??= at;
        OpenPeriodKey = null;
        EndedAt = at;
        EndReason = $"Émission arrêtée : la facturation de {changed} collectivité(s) a changé depuis l'aperçu. "
            + $"{TenantsDone} collectivité(s) émise(s) (leurs factures sont maintenues), {notIssued.Count} non émise(s) : "
            + "une nouvelle facturation de la période facturera ce qui reste dû.";
        return changed;
    }

    public void Abandon(string reason, DateTimeOffset at)
    {
        if (Status != BillingRunStatus.Previewed)
            throw new DomainException(Status == BillingRunStatus.Issuing
                ? "L'émission a commencé : elle doit aller à son terme (relancez-la si elle a été interrompue)."
                : "Cette facturation est terminée.");
        Status = BillingRunStatus.Abandoned;
        OpenPeriodKey = null;
        EndReason = reason;
        EndedAt = at;
    }

    private void EnsureStatus(BillingRunStatus expected)
    {
        if (Status != expected)
            throw new DomainException(Status switch
            {
                BillingRunStatus.Issued => "Cette facturation est déjà émise.",
                BillingRunStatus.Abandoned => "Cette facturation a été abandonnée : lancez un nouvel aperçu.",
                BillingRunStatus.Issuing => "Cette facturation est en cours d'émission.",
                _ => "Cette facturation n'est pas dans l'état attendu.",
            });
    }
}

/// <summary>
/// One tenant of a billing run: what the preview showed (totals and a fingerprint of the lines), and,
/// once issued, the invoice. Issuing compares the freshly computed lines with the fingerprint.
/// </summary>
public sealed class BillingRunTenant : ISharedAcrossTenants
{
    private BillingRunTenant() { TenantName = Fingerprint = ""; }

    public BillingRunTenant(Guid runId, Guid tenantId, string tenantName, int lineCount, decimal totalHt, decimal totalVat,
        decimal totalTtc, string fingerprint, string? warnings)
    {
        RunId = runId;
        TenantId = tenantId;
        TenantName = tenantName;
        LineCount = lineCount;
        TotalHt = totalHt;
        TotalVat = totalVat;
        TotalTtc = totalTtc;
        Fingerprint = fingerprint;
        Warnings = warnings;
    }

    public Guid RunId { get; private set; }
    public Guid TenantId { get; private set; }
    public string TenantName { get; private set; }
    public int LineCount { get; private set; }
    public decimal TotalHt { get; private set; }
    public decimal TotalVat { get; private set; }
    public decimal TotalTtc { get; private set; }
    public string Fingerprint { get; private set; }
    /// <summary>Charges set aside (not billable: no tariff, not eligible...), in French, for staff to check.</summary>
    public string? Warnings { get; private set; }
    public BillingRunTenantStatus Status { get; private set; } = BillingRunTenantStatus.Pending;
    public Guid? InvoiceId { get; private set; }

    public void MarkIssued(Guid? invoiceId)
    {
        EnsurePending();
        Status = BillingRunTenantStatus.Issued;
        InvoiceId = invoiceId;
    }

    /// <summary>Called by <see cref="BillingRun.EndIfChangedSincePreview"/> only.</summary>
    internal void MarkChangedSincePreview()
    {
        EnsurePending();
        Status = BillingRunTenantStatus.ChangedSincePreview;
    }

    private void EnsurePending()
    {
        if (Status != BillingRunTenantStatus.Pending)
            throw new DomainException("Cette collectivité a déjà été traitée par cette facturation.");
    }
}
