using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Billing;

public enum BillingRunStatus
{
    /// <summary>Computed and shown (dry run); nothing invoiced yet.</summary>
    Previewed = 1,
    /// <summary>Invoices being created, batch by batch; resumed after a crash.</summary>
    Issuing = 2,
    Issued = 3,
    /// <summary>Dropped by staff, or refused at issue because billing changed since the preview.</summary>
    Abandoned = 4,
}

/// <summary>
/// A billing run of one period: what every tenant owes for it minus what is already invoiced. Only one run
/// of a period may be open (previewed or issuing) at a time: <see cref="OpenPeriodKey"/> carries a unique
/// index, set while the run is open and cleared when it ends, so the database refuses a second one.
/// </summary>
public sealed class BillingRun : ISharedAcrossTenants
{
    private BillingRun() { CreatedBy = ""; }

    public Guid Id { get; private set; }
    public BillingAlignment Alignment { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public BillingRunStatus Status { get; private set; }
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

    public static BillingRun Open(BillingPeriod period, BillingAlignment alignment, string createdBy, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
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
    public bool Done { get; private set; }
    public Guid? InvoiceId { get; private set; }

    public void MarkIssued(Guid? invoiceId)
    {
        Done = true;
        InvoiceId = invoiceId;
    }
}
