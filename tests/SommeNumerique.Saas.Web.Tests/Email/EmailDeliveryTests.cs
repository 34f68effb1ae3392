using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Email;
using SommeNumerique.Saas.Infrastructure.Email;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.TestSupport;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Email;

/// <summary>
/// E-mail end to end: a message queued in the outbox is sent by the dispatcher through a real SMTP server (in the
/// test), retried when refused, given up after the configured attempts and reported to staff (API and page), retried
/// by staff; in Development without SMTP it is written to the pickup folder with its links in the log.
/// </summary>
public sealed partial class EmailDeliveryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_queued_message_is_sent_through_smtp_at_once_and_marked_sent()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SaasAppFactory.Sqlite().UseSmtp(smtp);
        app.Settings["Email:Outbox:PollInterval"] = "00:10:00"; // only the wake-up after SaveChanges can send it in time
        _ = app.Server;

        var link = "http://localhost/Account/Invitation?token=abc-123";
        var id = await QueueAsync(app, EmailTemplates.Invitation("marie@abbeville.test", "Paul Durand", "Abbeville", "administratrice", link, DateTimeOffset.UtcNow.AddDays(7)));

        var mail = await smtp.WaitForMessageAsync("marie@abbeville.test", TimeSpan.FromSeconds(15));
        Assert.Equal("Invitation au portail Somme Numérique", mail.Subject);
        Assert.Equal(EmailOptions.DefaultFrom, mail.From.Mailboxes.Single().Address);
        Assert.Equal("Somme Numérique", mail.From.Mailboxes.Single().Name);
        Assert.Equal($"{id:N}@somme-numerique.fr", mail.MessageId);
        Assert.Equal(link, SmtpTestServer.FirstLink(mail));
        Assert.Contains("Paul Durand vous invite", mail.TextBody);
        Assert.Contains("<strong>Abbeville</strong>", mail.HtmlBody);

        var row = await WaitForRowAsync(app, id, e => e.SentAt is not null);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.NextAttemptAt);
        Assert.Null(row.LastError);

        var staff = await app.StaffAsync();
        var sent = await staff.GetJsonAsync("/api/v1/admin/emails?status=sent");
        var item = sent.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal("sent", item.GetProperty("status").GetString());
        Assert.Equal("marie@abbeville.test", item.GetProperty("to").GetString());
        Assert.False(item.TryGetProperty("textBody", out _)); // the single-use link stays the addressee's
        Assert.Equal(0, (await staff.GetJsonAsync("/api/v1/admin/emails?status=pending")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_refused_message_is_retried_then_given_up_reported_to_staff_and_sent_when_staff_retry()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SaasAppFactory.Sqlite().UseSmtp(smtp);
        app.Settings["Email:Outbox:MaxAttempts"] = "3";
        _ = app.Server;
        smtp.RefuseMessages("Mailbox full");

        var id = await QueueAsync(app, EmailTemplates.PasswordReset("paul@somme.test", "http://localhost/Account/ResetPassword?user=1&code=x", DateTimeOffset.UtcNow.AddDays(1)));

        // First attempt refused: counted, the error kept, retried in a minute.
        var row = await WaitForRowAsync(app, id, e => e.Attempts == 1);
        Assert.Contains("Mailbox full", row.LastError);
        Assert.Null(row.SentAt);
        Assert.Null(row.FailedAt);
        Assert.InRange(row.NextAttemptAt!.Value - app.Clock.GetUtcNow(), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        var staff = await app.StaffAsync();
        var pending = (await staff.GetJsonAsync("/api/v1/admin/emails?status=pending")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(1, pending.GetProperty("attempts").GetInt32());
        Assert.Contains("Mailbox full", pending.GetProperty("lastError").GetString());

        // Not before its time...
        await Task.Delay(1500);
        Assert.Equal(1, (await RowAsync(app, id)).Attempts);
        // ...then the second attempt (a minute later), the third (5 minutes later): given up.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        row = await WaitForRowAsync(app, id, e => e.Attempts == 2);
        Assert.InRange(row.NextAttemptAt!.Value - app.Clock.GetUtcNow(), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        row = await WaitForRowAsync(app, id, e => e.FailedAt is not null);
        Assert.Equal(3, row.Attempts);
        Assert.Null(row.NextAttemptAt);
        Assert.Null(row.SentAt);
        Assert.Equal(3, smtp.RefusedCount);
        Assert.Empty(smtp.Messages);

        // Reported: the API's failed list and the staff page.
        staff = await app.StaffAsync();
        var failed = (await staff.GetJsonAsync("/api/v1/admin/emails?status=failed&page=1&pageSize=10")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(id, failed.GetProperty("id").GetGuid());
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("Mailbox full", failed.GetProperty("lastError").GetString());
        Assert.Equal(0, (await staff.GetJsonAsync("/api/v1/admin/emails?status=pending")).GetProperty("total").GetInt32());
        var (browser, token) = await StaffBrowserAsync(app);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/Staff/Emails?status=failed"));
        Assert.Contains("Réinitialisation de votre mot de passe", page);
        Assert.Contains("Échec (abandonné)", page);
        Assert.Contains("Mailbox full", page);
        Assert.Contains($"/Staff/Emails?id={id}", page.Replace("&amp;", "&"));

        // Staff retry once the cause is fixed: one more attempt at once, sent.
        smtp.AcceptMessages();
        var retried = await browser.PostAsync($"/Staff/Emails?handler=Retry&id={id}&status=failed",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var mail = await smtp.WaitForMessageAsync("paul@somme.test", Wait);
        Assert.Equal("http://localhost/Account/ResetPassword?user=1&code=x", SmtpTestServer.FirstLink(mail));
        row = await WaitForRowAsync(app, id, e => e.SentAt is not null);
        Assert.Equal(4, row.Attempts);
        Assert.Null(row.FailedAt);

        // A sent message is not sent again; an unknown one is not found; tenants may not see the outbox.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.SendAsync(HttpMethod.Post, $"/api/v1/admin/emails/{id}/retry")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.SendAsync(HttpMethod.Post, $"/api/v1/admin/emails/{Guid.NewGuid()}/retry")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/v1/admin/emails?status=lost")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.AbbevilleAdminAsync()).GetAsync("/api/v1/admin/emails")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.TreasuryAsync()).GetAsync("/api/v1/admin/emails")).StatusCode);
    }

    [Fact]
    public async Task The_api_retry_of_a_failed_message_answers_it_pending_and_it_is_sent()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = SaasAppFactory.Sqlite().UseSmtp(smtp);
        app.Settings["Email:Outbox:MaxAttempts"] = "1";
        _ = app.Server;
        smtp.RefuseMessages();
        var id = await QueueAsync(app, EmailTemplates.InvoiceAvailable("compta@amiens.test", "Amiens", "F-1", 10m, "http://localhost/Invoices/Details?id=1"));
        await WaitForRowAsync(app, id, e => e.FailedAt is not null);
        smtp.AcceptMessages();

        var staff = await app.StaffAsync();
        var response = await staff.SendAsync(HttpMethod.Post, $"/api/v1/admin/emails/{id}/retry");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("failedAt").ValueKind);

        var mail = await smtp.WaitForMessageAsync("compta@amiens.test", Wait);
        Assert.Equal("Une facture est disponible : F-1", mail.Subject);
        Assert.Equal(2, (await WaitForRowAsync(app, id, e => e.SentAt is not null)).Attempts);
    }

    [Fact]
    public async Task In_development_without_smtp_the_message_is_written_to_the_pickup_folder_and_its_link_logged()
    {
        var logs = new CollectingLoggerProvider();
        await using var app = SaasAppFactory.Sqlite(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        _ = app.Server;
        var link = "http://localhost/Account/ResetPassword?user=6a1c2f7e-0000-4000-8000-000000000001&code=Q2ZE";

        var id = await QueueAsync(app, EmailTemplates.PasswordReset("paul@somme.test", link, DateTimeOffset.UtcNow.AddDays(1)));

        await WaitForRowAsync(app, id, e => e.SentAt is not null);
        var file = Assert.Single(Directory.GetFiles(app.MailDirectory, "*.eml"));
        Assert.Matches(PickupFileName(), Path.GetFileName(file));
        using var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal("paul@somme.test", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Réinitialisation de votre mot de passe", mail.Subject);
        Assert.Equal(link, SmtpTestServer.FirstLink(mail));
        Assert.NotNull(mail.HtmlBody);
        Assert.Contains(logs.Messages, m => m.Contains(link, StringComparison.Ordinal) && m.Contains("paul@somme.test", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains(file, StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_production_without_smtp_each_message_fails_clearly_and_stays_to_be_retried()
    {
        await using var app = SaasAppFactory.Sqlite(b => b.UseEnvironment("Production"));
        _ = app.Server;

        var id = await QueueAsync(app, EmailTemplates.PasswordReset("paul@somme.test", "http://localhost/Account/ResetPassword?user=1&code=x", DateTimeOffset.UtcNow.AddDays(1)));

        var row = await WaitForRowAsync(app, id, e => e.Attempts == 1);
        Assert.Equal(UnconfiguredEmailSender.Error, row.LastError);
        Assert.Null(row.SentAt);
        Assert.NotNull(row.NextAttemptAt); // retried, then given up and reported like any failure
        Assert.Empty(Directory.GetFiles(app.MailDirectory)); // the pickup folder is for Development only
    }

    [GeneratedRegex(@"^\d{8}-\d{6}-\d{3}-PasswordReset\.eml$")]
    private static partial Regex PickupFileName();

    internal static async Task<Guid> QueueAsync(SaasAppFactory app, EmailMessage message)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
        var db = scope.ServiceProvider.GetRequiredService<ISaasDbContext>();
        outbox.Enqueue(message);
        var id = db.ChangeTracker.Entries<OutboxEmail>().Single(e => e.State == EntityState.Added).Entity.Id;
        await db.SaveChangesAsync();
        return id;
    }

    internal static async Task<OutboxEmail> RowAsync(SaasAppFactory app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISaasDbContext>().OutboxEmails.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    internal static async Task<OutboxEmail> WaitForRowAsync(SaasAppFactory app, Guid id, Func<OutboxEmail, bool> until)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var row = await RowAsync(app, id);
            if (until(row)) return row;
            Assert.True(DateTime.UtcNow < deadline, $"e-mail {id}: attempts {row.Attempts}, sent {row.SentAt}, failed {row.FailedAt}, error {row.LastError}");
            await Task.Delay(100);
        }
    }

    private static async Task<(HttpClient Browser, string Token)> StaffBrowserAsync(SaasAppFactory app)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await browser.GetStringAsync("/Account/Login");
        var signedIn = await browser.CompleteTwoFactorAsync(await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoAccounts.StaffEmail, ["Input.Password"] = SaasAppFactory.DemoPassword, ["__RequestVerificationToken"] = Token(login),
        })));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (browser, Token(await browser.GetStringAsync("/Staff/Emails")));
    }

    private static string Token(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collector(this);

        public void Dispose() { }

        private sealed class Collector(CollectingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue(formatter(state, exception));
        }
    }
}
