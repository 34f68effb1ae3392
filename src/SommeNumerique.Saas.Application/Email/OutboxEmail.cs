using SommeNumerique.Saas.Domain.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Email;

/// <summary>
/// An e-mail waiting in (or gone through) the outbox. Queued in the unit of work that asked for it; the dispatcher
/// sends it, counts the attempts, keeps the last error, and gives up after the configured attempts (reported as
/// failed, never deleted). Global: an e-mail belongs to its addressee, not to a tenant.
/// </summary>
public sealed class OutboxEmail : ISharedAcrossTenants
{
    private OutboxEmail() { To = Subject = TextBody = Kind = ""; }

    public Guid Id { get; private set; }
    public string Kind { get; private set; }
    public string To { get; private set; }
    public string Subject { get; private set; }
    public string TextBody { get; private set; }
    public string? HtmlBody { get; private set; }
    public DateTimeOffset QueuedAt { get; private set; }
    /// <summary>When the dispatcher may (re)try; null once sent or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    /// <summary>Set when the dispatcher stopped retrying: the message is reported, not lost.</summary>
    public DateTimeOffset? FailedAt { get; private set; }
    public string? LastError { get; private set; }

    public static OutboxEmail Queue(EmailMessage message, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(), Kind = message.Kind, To = message.To, Subject = message.Subject, TextBody = message.TextBody,
        HtmlBody = message.HtmlBody, QueuedAt = at, NextAttemptAt = at,
    };

    public EmailMessage Message => new(To, Subject, TextBody, HtmlBody, Kind);

    /// <summary>"pending" (waiting for its first or next attempt), "sent" or "failed" (given up).</summary>
    public string Status => SentAt is not null ? OutboxStatus.Sent : FailedAt is not null ? OutboxStatus.Failed : OutboxStatus.Pending;

    public void MarkSent(DateTimeOffset at)
    {
        Attempts++;
        SentAt = at;
        NextAttemptAt = null;
        LastError = null;
    }

    /// <summary>Records a failed attempt: retried at <paramref name="retryAt"/>, or given up when it is null.</summary>
    public void MarkFailed(string error, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        NextAttemptAt = retryAt;
        if (retryAt is null) FailedAt = at;
    }

    /// <summary>
    /// Staff ask for one more attempt now (a failed message, or a pending one waiting for its next retry). A message
    /// already sent is never sent again.
    /// </summary>
    public void RetryNow(DateTimeOffset at)
    {
        if (SentAt is not null) throw new Common.ConflictException("Ce message a déjà été envoyé : il n'est pas renvoyé.");
        FailedAt = null;
        NextAttemptAt = at;
    }
}

/// <summary>The statuses of an outbox message, as the staff API and page name them.</summary>
public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Sent, Failed];

    public static string Label(string status) => status switch
    {
        Pending => "En attente",
        Sent => "Envoyé",
        Failed => "Échec (abandonné)",
        _ => status,
    };
}
