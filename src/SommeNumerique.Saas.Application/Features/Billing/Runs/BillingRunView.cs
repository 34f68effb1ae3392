using SommeNumerique.Saas.Domain.Billing;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

/// <summary>
/// One tenant of a run. <c>Status</c>: Pending, Issued, or ChangedSincePreview (not issued: billing changed since the
/// preview and the run ended without it); <c>StatusLabel</c> says it in French; <c>Done</c> is true once issued.
/// </summary>
public sealed record BillingRunTenantView(
    Guid TenantId, string TenantName, int LineCount, decimal TotalHt, decimal TotalVat, decimal TotalTtc, string? Warnings, bool Done, Guid? InvoiceId,
    string Status, string StatusLabel)
{
    public static string Label(BillingRunTenantStatus status) => status switch
    {
        BillingRunTenantStatus.Pending => "À émettre",
        BillingRunTenantStatus.Issued => "Émise",
        BillingRunTenantStatus.ChangedSincePreview => "Non émise : changée depuis l'aperçu",
        _ => status.ToString(),
    };
}

/// <summary>A billing run with its progress (tenants done / total, amounts so far) and one page of its tenants.</summary>
public sealed record BillingRunView(
    Guid Id, string Period, string Alignment, string Status, string StatusLabel, DateTimeOffset CreatedAt, string CreatedBy,
    int TenantCount, int InvoiceCount, decimal PreviewTotalHt, decimal PreviewTotalTtc,
    int TenantsDone, int InvoicesIssued, decimal IssuedTotalHt, decimal IssuedTotalTtc, string? EndReason,
    int SetAsideCount, IReadOnlyList<BillingRunTenantView> Tenants, int TenantRowCount, int NotIssuedCount)
{
    /// <param name="notIssued">Tenants of the run marked "not issued, changed since the preview".</param>
    public static string Label(BillingRunStatus status, int notIssued = 0) => status switch
    {
        BillingRunStatus.Issued when notIssued > 0 => $"Émission arrêtée : {notIssued} collectivité(s) non émise(s), changée(s) depuis l'aperçu",
        BillingRunStatus.Previewed => "Aperçu (rien n'est facturé)",
        BillingRunStatus.Issuing => "Émission en cours",
        BillingRunStatus.Issued => "Émise",
        BillingRunStatus.Abandoned => "Abandonnée",
        _ => status.ToString(),
    };
}
