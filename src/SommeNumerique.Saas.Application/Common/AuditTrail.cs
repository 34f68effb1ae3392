using System.Text.Json;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain.Auditing;

namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// Adds an audit entry (who, when, before/after, justification) to the current unit of work: it is saved
/// with the change it describes, or not at all.
/// </summary>
public sealed class AuditTrail(ISaasDbContext db, ICurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public void Record(string area, string action, string subject, object? before, object? after, string? justification) =>
        db.AuditEntries.Add(AuditEntry.Record(
            clock.GetUtcNow(), user.UserId, user.Email, area, action, subject,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json),
            justification));
}
