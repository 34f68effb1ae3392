namespace SommeNumerique.Saas.Infrastructure.Email;

/// <summary>How the SMTP connection is secured (MailKit's SecureSocketOptions).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a relay on the same host or network only).</summary>
    None,
    /// <summary>STARTTLS required (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
    /// <summary>TLS on port 465, else STARTTLS when the server offers it.</summary>
    Auto,
}

/// <summary>Configuration section <c>Email</c> (see the README, "E-mail").</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";
    public const string DefaultFrom = "ne-pas-repondre@somme-numerique.fr";

    /// <summary>Sender address of every message.</summary>
    public string From { get; set; } = DefaultFrom;
    public string FromName { get; set; } = "Somme Numérique";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Development without <c>Email:Smtp:Host</c>: the folder (relative to the content root) where each message is
    /// written as an .eml file.
    /// </summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public OutboxOptions Outbox { get; set; } = new();

    public bool SmtpConfigured => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    /// <summary>0: 465 for <see cref="SmtpSecurity.SslOnConnect"/>, 25 for <see cref="SmtpSecurity.None"/>, else 587.</summary>
    public int Port { get; set; }
    /// <summary>Authenticates when set (with <see cref="Password"/>, a secret: <c>Email__Smtp__Password</c>).</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    /// <summary>Connection and command timeout of one send.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public int EffectivePort => Port > 0 ? Port : Security switch
    {
        SmtpSecurity.SslOnConnect => 465,
        SmtpSecurity.None => 25,
        _ => 587,
    };
}

public sealed class OutboxOptions
{
    /// <summary>Attempts before a message is given up (reported as failed on the staff page, logged as an error).</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>How often the dispatcher looks for due messages (it is also woken at once when a message is queued).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How long a dispatcher holds a message it is sending before another instance may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Messages taken per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then 24 h.</summary>
    public static TimeSpan RetryDelay(int attempts) => attempts switch
    {
        <= 1 => TimeSpan.FromMinutes(1),
        2 => TimeSpan.FromMinutes(5),
        3 => TimeSpan.FromMinutes(30),
        4 => TimeSpan.FromHours(2),
        5 => TimeSpan.FromHours(6),
        6 => TimeSpan.FromHours(12),
        _ => TimeSpan.FromHours(24),
    };
}
