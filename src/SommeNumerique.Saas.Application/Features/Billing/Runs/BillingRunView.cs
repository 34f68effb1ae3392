using SommeNumerique.Saas.Domain.Billing;

namespace SommeNumerique.Saas.Application.Features.Billing.Runs;

public sealed record BillingRunTenantView(
    Guid TenantId, string TenantName, int LineCount, decimal TotalHt, decimal TotalVat, decimal TotalTtc, string? Warnings, bool Done, Guid? InvoiceId);

/// <summary>A billing run with its progress (tenants done / total, amounts so far) and one page of its tenants.</summary>
public sealed record BillingRunView(
    Guid Id, string Period, string Alignment, string Status, string StatusLabel, DateTimeOffset CreatedAt, string CreatedBy,
    int TenantCount, int InvoiceCount, decimal PreviewTotalHt, decimal PreviewTotalTtc,
    int TenantsDone, int InvoicesIssued, decimal IssuedTotalHt, decimal IssuedTotalTtc, string? EndReason,
    int SetAsideCount, IReadOnlyList<BillingRunTenantView> Tenants, int TenantRowCount)
{
    public static string Label(BillingRunStatus status) => status switch
    {
        BillingRunStatus.Previewed => "Aperçu (rien n'est facturé)",
        BillingRunStatus.Issuing => "Émission en cours",
        BillingRunStatus.Issued => "Émise",
        BillingRunStatus.Abandoned => "Abandonnée",
        _ => status.ToString(),
    };
}
