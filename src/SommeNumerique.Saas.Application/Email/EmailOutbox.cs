using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Application.Email;

/// <summary>
/// Queues into <see cref="ISaasDbContext.OutboxEmails"/>: saved by the request's unit of work, then sent by the
/// dispatcher (Infrastructure/Email/OutboxDispatcher), which is woken as soon as the row is saved.
/// </summary>
public sealed class EmailOutbox(ISaasDbContext db, TimeProvider clock, EmailOutboxSignal? signal = null) : IEmailOutbox
{
    private bool _watching;

    public void Enqueue(EmailMessage message)
    {
        if (signal is not null && !_watching)
        {
            signal.WakeAfterSave(db);
            _watching = true;
        }
        db.OutboxEmails.Add(OutboxEmail.Queue(message, clock.GetUtcNow()));
    }
}
