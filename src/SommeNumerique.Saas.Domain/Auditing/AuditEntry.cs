using SommeNumerique.Saas.Domain.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Auditing;

/// <summary>
/// One change made by staff to shared data (catalogue, tariff grid...): who, when, what, the state before
/// and after (JSON), and the deliberation or reason that justifies it. Entries are only ever added.
/// Read by staff only.
/// </summary>
public sealed class AuditEntry : ISharedAcrossTenants
{
    private AuditEntry() { Area = Action = Subject = ""; }

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? UserId { get; private set; }
    public string? UserEmail { get; private set; }
    /// <summary>Business area (Catalogue, Tenancy...).</summary>
    public string Area { get; private set; }
    /// <summary>What was done, e.g. "AddTariffVersion".</summary>
    public string Action { get; private set; }
    /// <summary>What it was done to, e.g. the offer code.</summary>
    public string Subject { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    /// <summary>The deliberation or written reason behind the change.</summary>
    public string? Justification { get; private set; }

    public static AuditEntry Record(
        DateTimeOffset at, Guid? userId, string? userEmail, string area, string action, string subject,
        string? before, string? after, string? justification) =>
        new()
        {
            Id = Guid.NewGuid(), At = at, UserId = userId, UserEmail = userEmail, Area = area, Action = action,
            Subject = subject, Before = before, After = after, Justification = justification,
        };
}
