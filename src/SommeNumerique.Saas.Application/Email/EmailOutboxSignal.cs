using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Application.Email;

/// <summary>
/// Wakes the outbox dispatcher as soon as a queued (or retried) message is saved, instead of at its next poll. In
/// memory, one per process: another instance finds the message at its own next poll (<c>Email:Outbox:PollInterval</c>).
/// </summary>
public sealed class EmailOutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            if (_signal.CurrentCount == 0) _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already awake: one wake-up is enough
        }
    }

    /// <summary>Waits for <see cref="Wake"/> or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Wakes the dispatcher once the outbox rows added or changed in <paramref name="db"/> are saved (after
    /// SaveChanges, so the dispatcher finds them; within an explicit transaction, the poll finds them after the commit).
    /// </summary>
    public void WakeAfterSave(ISaasDbContext db) =>
        db.ChangeTracker.StateChanged += (_, e) =>
        {
            if (e.Entry.Entity is OutboxEmail && e.OldState is EntityState.Added or EntityState.Modified && e.NewState == EntityState.Unchanged)
                Wake();
        };
}
