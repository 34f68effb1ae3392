using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Application.Email;

/// <summary>Queues into <see cref="ISaasDbContext.OutboxEmails"/>: saved by the request's unit of work.</summary>
public sealed class EmailOutbox(ISaasDbContext db, TimeProvider clock) : IEmailOutbox
{
    public void Enqueue(EmailMessage message) => db.OutboxEmails.Add(OutboxEmail.Queue(message, clock.GetUtcNow()));
}
