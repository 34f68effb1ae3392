using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Email;
using SommeNumerique.Saas.Infrastructure.Email;
using SommeNumerique.Saas.TestSupport;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Email;

/// <summary>
/// Two instances of the app on one PostgreSQL database (as behind a load balancer): their dispatchers race for the
/// same due messages, and each message still reaches the SMTP server exactly once (the claim of a row).
/// </summary>
public sealed class TwoDispatchersTests
{
    [Fact]
    public async Task Two_instances_on_one_database_send_each_message_once()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var shared = await (await SharedPostgres.GetAsync()).CreateDatabaseAsync("email");
        await using var a = new SaasAppFactory("PostgreSql", shared, Path.GetTempPath()).UseSmtp(smtp);
        a.Settings["Email:Outbox:BatchSize"] = "100"; // every round sees every due message: the claims overlap
        _ = a.Server;
        await using var b = new SaasAppFactory("PostgreSql", shared, Path.GetTempPath()).UseSmtp(smtp);
        b.Settings["Database:MigrateOnStartup"] = "false";
        b.Settings["Email:Outbox:BatchSize"] = "100";
        _ = b.Server;

        const int Count = 40;
        var addresses = Enumerable.Range(1, Count).Select(i => $"agent{i}@somme.test").ToList();
        await using (var scope = a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ISaasDbContext>();
            // Added directly (no wake-up): the rounds below and both instances' polls race for them.
            foreach (var to in addresses)
                db.OutboxEmails.Add(OutboxEmail.Queue(EmailTemplates.PasswordReset(to, "http://localhost/Account/ResetPassword?user=1&code=x", DateTimeOffset.UtcNow.AddDays(1)), a.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        var onA = a.Services.GetRequiredService<OutboxDispatcher>();
        var onB = b.Services.GetRequiredService<OutboxDispatcher>();
        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { onA.DispatchDueAsync(default), onB.DispatchDueAsync(default) }));

        foreach (var to in addresses) await smtp.WaitForMessageAsync(to, TimeSpan.FromSeconds(30));
        await Task.Delay(1500); // a second copy, if any, would arrive meanwhile
        Assert.Equal(Count, smtp.Messages.Count);
        Assert.Equal(Count, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        await using (var scope = b.Services.CreateAsyncScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<ISaasDbContext>().OutboxEmails.AsNoTracking().ToListAsync();
            Assert.Equal(Count, rows.Count);
            Assert.All(rows, r =>
            {
                Assert.NotNull(r.SentAt);
                Assert.Equal(1, r.Attempts);
            });
        }
    }
}
