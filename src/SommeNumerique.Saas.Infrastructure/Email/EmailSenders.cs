using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SommeNumerique.Saas.Application.Email;

namespace SommeNumerique.Saas.Infrastructure.Email;

/// <summary>Hands one message over (to the SMTP server, or to the Development folder); throws when it could not.</summary>
public interface IEmailSender
{
    Task SendAsync(Guid id, EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>The MIME message of an outbox row: plain text always, HTML as an alternative when the template has one.</summary>
public static partial class MimeMessages
{
    public static MimeMessage Build(Guid id, EmailMessage message, EmailOptions options)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName, options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        // The outbox id: a message sent again after a crash keeps its Message-Id, so that it can be recognised.
        var domain = options.From.Contains('@', StringComparison.Ordinal) ? options.From[(options.From.IndexOf('@', StringComparison.Ordinal) + 1)..] : "somme-numerique.fr";
        mime.MessageId = $"{id:N}@{domain}";
        mime.Headers.Add("X-Somme-Numerique-Kind", message.Kind);
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = message.TextBody };
        if (message.HtmlBody is not null) body.HtmlBody = message.HtmlBody;
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>The http(s) links of a text.</summary>
    public static IEnumerable<string> Links(string text) => LinkPattern().Matches(text).Select(m => m.Value).Distinct();

    [GeneratedRegex(@"https?://[^\s<>""']+")]
    private static partial Regex LinkPattern();
}

/// <summary>Sends through the configured SMTP server (MailKit), one connection per message.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(Guid id, EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var smtp = settings.Smtp;
        using var mime = MimeMessages.Build(id, message, settings);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(smtp.Host!, smtp.EffectivePort, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// Development without an SMTP server: each message is written to <c>Email:PickupDirectory</c> (<c>data/mail</c>) as
/// <c>&lt;timestamp&gt;-&lt;kind&gt;.eml</c> (opens in any mail client), and its links are printed in the log.
/// </summary>
public sealed partial class PickupFolderEmailSender(
    IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));

    public async Task SendAsync(Guid id, EmailMessage message, CancellationToken cancellationToken)
    {
        using var mime = MimeMessages.Build(id, message, options.Value);
        Directory.CreateDirectory(Folder);
        var kind = string.Concat(message.Kind.Where(char.IsAsciiLetterOrDigit));
        var stem = $"{clock.GetUtcNow():yyyyMMdd-HHmmss-fff}-{(kind.Length == 0 ? "message" : kind)}";
        var path = Path.Combine(Folder, stem + ".eml");
        for (var n = 2; File.Exists(path); n++) path = Path.Combine(Folder, $"{stem}-{n}.eml");
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            await mime.WriteToAsync(file, cancellationToken);
        LogWritten(message.Kind, message.To, path);
        foreach (var link in MimeMessages.Links(message.TextBody)) LogLink(message.Kind, message.To, link);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {Kind} to {To} written to {Path} (Development: no Email:Smtp:Host)")]
    private partial void LogWritten(string kind, string to, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {Kind} to {To}: link {Link}")]
    private partial void LogLink(string kind, string to, string link);
}

/// <summary>
/// Outside Development without <c>Email:Smtp:Host</c>: nothing can be sent. Each attempt fails with this message, so the
/// messages are retried, then reported as failed on the staff page (<c>/Staff/Emails</c>), never lost; once the
/// settings are fixed, staff retry them.
/// </summary>
public sealed class UnconfiguredEmailSender : IEmailSender
{
    public const string Error = "Aucun serveur SMTP n'est configuré (Email:Smtp:Host) : le message n'a pas pu être envoyé.";

    public Task SendAsync(Guid id, EmailMessage message, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Error);
}
