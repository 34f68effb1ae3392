using SommeNumerique.Saas.Application.Email;

namespace SommeNumerique.Saas.Application.Features.Emails;

/// <summary>
/// One message of the outbox as staff see it: who, what, its status and attempts. Never the body: it holds
/// single-use links (invitations, password resets) meant for the addressee alone.
/// </summary>
/// <param name="Status">pending, sent or failed (given up after the configured attempts).</param>
/// <param name="NextAttemptAt">When the dispatcher tries again (pending only).</param>
public sealed record OutboxEmailView(
    Guid Id, string Kind, string To, string Subject, string Status, string StatusLabel, int Attempts,
    DateTimeOffset QueuedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? FailedAt, string? LastError)
{
    public static OutboxEmailView Of(OutboxEmail e) => new(
        e.Id, e.Kind, e.To, e.Subject, e.Status, OutboxStatus.Label(e.Status), e.Attempts,
        e.QueuedAt, e.NextAttemptAt, e.SentAt, e.FailedAt, e.LastError);
}
