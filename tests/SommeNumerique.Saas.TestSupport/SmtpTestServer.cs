using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace SommeNumerique.Saas.TestSupport;

/// <summary>
/// A real SMTP server inside the test process (the <c>SmtpServer</c> package), on 127.0.0.1 and a free port, without
/// TLS or authentication. It keeps every message it accepts (as <see cref="MimeMessage"/>), and can be told to refuse
/// them (<see cref="RefuseMessages"/>) to test retries.
/// </summary>
/// <example>
/// <code>
/// await using var smtp = await SmtpTestServer.StartAsync();
/// var factory = SaasAppFactory.Sqlite().UseSmtp(smtp); // Email:Smtp:Host/Port/Security of the app, before it starts
/// ... // a request that sends an invitation
/// var mail = await smtp.WaitForMessageAsync("secretaire@commune.test", TimeSpan.FromSeconds(30));
/// var link = SmtpTestServer.FirstLink(mail);
/// </code>
/// </example>
public sealed partial class SmtpTestServer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<Received> _received = [];
    private TaskCompletionSource _arrived = NewSignal();
    private readonly CancellationTokenSource _stop = new();
    private SmtpServerHost? _server;
    private Task? _running;
    private SmtpResponse? _refusal;
    private int _refused;

    private SmtpTestServer(int port) => Port = port;

    public string Host => "127.0.0.1";
    public int Port { get; }

    /// <summary>
    /// The application's settings that send its e-mails here (plain SMTP on this port), with a short outbox poll
    /// interval so that retries are noticed quickly: add them to <c>SaasAppFactory.Settings</c> before the app starts.
    /// </summary>
    public IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = Host,
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:UserName"] = "",
        ["Email:Outbox:PollInterval"] = "00:00:00.500",
    };

    /// <summary>Every message accepted so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get { lock (_gate) return _received.Select(r => r.Message).ToList(); }
    }

    /// <summary>The messages accepted for <paramref name="to"/> (an envelope recipient), oldest first.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string to)
    {
        lock (_gate) return _received.Where(r => r.IsFor(to)).Select(r => r.Message).ToList();
    }

    /// <summary>How many messages were refused (<see cref="RefuseMessages"/>).</summary>
    public int RefusedCount => Volatile.Read(ref _refused);

    /// <summary>From now on every message is refused at the end of DATA (554 by default; the reason in ASCII, as SMTP replies are), until <see cref="AcceptMessages"/>.</summary>
    public void RefuseMessages(string reason = "Refused by the test server", SmtpReplyCode code = SmtpReplyCode.TransactionFailed)
    {
        lock (_gate) _refusal = new SmtpResponse(code, reason);
    }

    public void AcceptMessages()
    {
        lock (_gate) _refusal = null;
    }

    public static async Task<SmtpTestServer> StartAsync()
    {
        var server = new SmtpTestServer(FreePort());
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(server));
        server._server = new SmtpServerHost(options, services);
        server._running = server._server.StartAsync(server._stop.Token);
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>
    /// The oldest message for <paramref name="to"/> that no earlier call returned, already received or arriving within
    /// <paramref name="timeout"/> (so a second call waits for a second message, e.g. an invitation sent again).
    /// </summary>
    public async Task<MimeMessage> WaitForMessageAsync(string to, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                var next = _received.FirstOrDefault(r => !r.Taken && r.IsFor(to));
                if (next is not null)
                {
                    next.Taken = true;
                    return next.Message;
                }
                arrived = _arrived.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(arrived, Task.Delay(left)) != arrived)
            {
                string received;
                lock (_gate) received = string.Join(", ", _received.Select(r => string.Join("+", r.Recipients)));
                throw new TimeoutException($"No e-mail for {to} within {timeout} (received for: {(received.Length == 0 ? "nobody" : received)}; refused: {RefusedCount}).");
            }
        }
    }

    /// <summary>The first http(s) link of the message (its text body, else its HTML body).</summary>
    public static string FirstLink(MimeMessage message) =>
        Links(message).FirstOrDefault()
        ?? throw new InvalidOperationException($"No link in the e-mail \"{message.Subject}\".");

    /// <summary>Every http(s) link of the message, in order (text body, else HTML body with its entities decoded).</summary>
    public static IReadOnlyList<string> Links(MimeMessage message)
    {
        var text = message.TextBody ?? WebUtility.HtmlDecode(message.HtmlBody ?? "");
        return LinkPattern().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ')')).Distinct().ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_running is not null)
        {
            try
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException)
            {
                // stopped
            }
        }
        _stop.Dispose();
    }

    private void Add(MimeMessage message, IEnumerable<string> recipients)
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _received.Add(new Received(message, recipients.ToList()));
            arrived = _arrived;
            _arrived = NewSignal();
        }
        arrived.TrySetResult();
    }

    private SmtpResponse? Refusal()
    {
        lock (_gate)
        {
            if (_refusal is null) return null;
            Interlocked.Increment(ref _refused);
            return _refusal;
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [GeneratedRegex(@"https?://[^\s<>""']+")]
    private static partial Regex LinkPattern();

    private sealed class Received(MimeMessage message, List<string> recipients)
    {
        public MimeMessage Message { get; } = message;
        public List<string> Recipients { get; } = recipients;
        public bool Taken { get; set; }

        public bool IsFor(string to) =>
            Recipients.Any(r => string.Equals(r, to, StringComparison.OrdinalIgnoreCase))
            || Message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.Refusal() is { } refusal) return refusal;
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.Add(message, transaction.To.Select(m => m.AsAddress()));
            return SmtpResponse.Ok;
        }
    }
}
