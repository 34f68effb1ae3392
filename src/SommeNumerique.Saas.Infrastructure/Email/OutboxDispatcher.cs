using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Email;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.Email;

/// <summary>
/// Sends the due messages of the outbox (<see cref="OutboxEmail"/>): woken at once when a request queued one
/// (<see cref="EmailOutboxSignal"/>), else every <c>Email:Outbox:PollInterval</c>. Each message is first claimed
/// (its <c>NextAttemptAt</c> moved forward by the lease, with an update that succeeds only while it is still due), so
/// that two instances on one database never send it both; a process stopped while sending leaves the lease to expire
/// and the message is sent again then. A failed attempt is retried after 1 min, 5 min, 30 min, 2 h...; after
/// <c>Email:Outbox:MaxAttempts</c> it is given up: logged as an error and shown as failed to staff.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, IEmailSender sender, EmailOutboxSignal signal, TimeProvider clock,
    IOptions<EmailOptions> options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private OutboxOptions Settings => options.Value.Outbox;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (sender is UnconfiguredEmailSender) LogNotConfigured();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch may hide more due messages: go on at once.
                while (await DispatchDueAsync(stoppingToken) >= Settings.BatchSize) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex); // e.g. the database is unreachable: the messages wait in the outbox
            }
            try
            {
                await signal.WaitAsync(Settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: claims and sends the due messages (at most a batch). Returns how many were due.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = Database(scope);
            var now = clock.GetUtcNow();
            due = await db.OutboxEmails.AsNoTracking()
                .Where(e => e.NextAttemptAt != null && e.NextAttemptAt <= now && e.SentAt == null && e.FailedAt == null)
                .OrderBy(e => e.NextAttemptAt).Select(e => e.Id).Take(Settings.BatchSize)
                .ToListAsync(cancellationToken);
        }
        foreach (var id in due) await SendOneAsync(id, cancellationToken);
        return due.Count;
    }

    private async Task SendOneAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Database(scope);
        var now = clock.GetUtcNow();
        var leaseUntil = now + Settings.Lease;
        // The claim: only one dispatcher moves a due message out of "due". OutboxEmail is global (no tenant), so this
        // bulk update, which bypasses the tenant checks of SaveChanges, is safe.
        var claimed = await db.OutboxEmails
            .Where(e => e.Id == id && e.NextAttemptAt != null && e.NextAttemptAt <= now && e.SentAt == null && e.FailedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, leaseUntil), cancellationToken);
        if (claimed != 1) return; // taken by another instance meanwhile

        var email = await db.OutboxEmails.SingleAsync(e => e.Id == id, cancellationToken);
        try
        {
            await sender.SendAsync(email.Id, email.Message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // stopping: the lease expires and the message is sent by the next round
        }
        catch (Exception ex)
        {
            var at = clock.GetUtcNow();
            var attempts = email.Attempts + 1;
            DateTimeOffset? retryAt = attempts >= Settings.MaxAttempts ? null : at + OutboxOptions.RetryDelay(attempts);
            email.MarkFailed(Describe(ex), at, retryAt);
            await db.SaveChangesAsync(CancellationToken.None);
            if (retryAt is { } next) LogAttemptFailed(email.Id, email.Kind, email.To, attempts, next, email.LastError!);
            else LogGivenUp(email.Id, email.Kind, email.To, attempts, email.LastError!);
            return;
        }
        email.MarkSent(clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None); // sent: recorded even when stopping
        LogSent(email.Id, email.Kind, email.To, email.Attempts);
    }

    private static SaasDbContext Database(AsyncServiceScope scope)
    {
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseHost();
        return scope.ServiceProvider.GetRequiredService<SaasDbContext>();
    }

    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner && ex is not MailKit.Net.Smtp.SmtpCommandException
            ? $"{ex.Message} ({inner.Message})"
            : ex.Message;

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {Id} ({Kind}) sent to {To} (attempt {Attempts})")]
    private partial void LogSent(Guid id, string kind, string to, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} ({Kind}) to {To}: attempt {Attempts} failed, retried at {RetryAt:u}: {Error}")]
    private partial void LogAttemptFailed(Guid id, string kind, string to, int attempts, DateTimeOffset retryAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail {Id} ({Kind}) to {To} given up after {Attempts} attempts: {Error}. It stays in the outbox as failed (staff page /Staff/Emails, GET /api/v1/admin/emails?status=failed) and can be retried there")]
    private partial void LogGivenUp(Guid id, string kind, string to, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail outbox round failed; the messages wait in the outbox")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email:Smtp:Host is not set: no e-mail can be sent. Each message is retried, then reported as failed (/Staff/Emails) until the SMTP settings are given")]
    private partial void LogNotConfigured();
}
