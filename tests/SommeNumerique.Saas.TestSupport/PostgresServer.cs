using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace SommeNumerique.Saas.TestSupport;

/// <summary>
/// A throw-away PostgreSQL server for tests: initdb in a temp folder, started on 127.0.0.1 on a free port,
/// removed on dispose.
/// </summary>
/// <remarks>
/// When the environment variable <c>SN_TEST_POSTGRES</c> holds a connection string, that existing server is used
/// instead: nothing is initialised, <see cref="CreateDatabaseAsync"/> still creates fresh databases there, and
/// <see cref="DisposeAsync"/> neither drops nor stops anything.
/// initdb refuses to run as root: as uid 0 the PostgreSQL binaries run as the <c>postgres</c> OS user (runuser).
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Environment variable holding the connection string of an existing server to reuse.</summary>
    public const string ExistingServerVariable = "SN_TEST_POSTGRES";

    private const string FolderPrefix = "sn-pg-";
    private const string OwnerPidFile = "owner.pid";
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly PgBinaries? _binaries;
    private readonly string? _rootFolder;
    private readonly Watchdog? _watchdog;
    private int _disposed;

    private PostgresServer(string adminConnectionString, PgBinaries? binaries, string? rootFolder, Watchdog? watchdog)
    {
        AdminConnectionString = adminConnectionString;
        _binaries = binaries;
        _rootFolder = rootFolder;
        _watchdog = watchdog;
    }

    /// <summary>Connection string to the <c>postgres</c> database as the superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when this instance reuses the server named by <c>SN_TEST_POSTGRES</c> instead of owning one.</summary>
    public bool IsExternal => _rootFolder is null;

    /// <summary>Starts a fresh server, or wraps the one named by <c>SN_TEST_POSTGRES</c> when that variable is set.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken ct = default)
    {
        var existing = Environment.GetEnvironmentVariable(ExistingServerVariable);
        if (!string.IsNullOrWhiteSpace(existing))
        {
            var builder = new NpgsqlConnectionStringBuilder(existing);
            if (string.IsNullOrEmpty(builder.Database))
                builder.Database = "postgres";
            var external = new PostgresServer(builder.ConnectionString, binaries: null, rootFolder: null, watchdog: null);
            await WaitUntilAcceptingAsync(external.AdminConnectionString, StartTimeout, logFile: null, ct).ConfigureAwait(false);
            return external;
        }

        var binaries = PgBinaries.Locate();
        var asRoot = IsRoot();
        await RemoveOrphanedServersAsync(binaries, asRoot).ConfigureAwait(false);

        var root = CreateRootFolder(asRoot);
        Watchdog? watchdog = null;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root, OwnerPidFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            if (asRoot)
                await RunAsync(["chown", "-R", $"{ServiceUser}:", root], root, ct).ConfigureAwait(false);
            watchdog = Watchdog.Start(binaries, asRoot, root);

            var data = Path.Combine(root, "data");
            var log = Path.Combine(root, "server.log");
            await RunPgAsync(asRoot, root, ct,
                binaries.InitDb, "-D", data, "-A", "trust", "-U", "postgres", "--encoding=UTF8", "--locale=C",
                "--no-sync", "--no-instructions").ConfigureAwait(false);

            // Only the private unix socket and 127.0.0.1 are trusted; nothing else may connect.
            await File.WriteAllTextAsync(Path.Combine(data, "pg_hba.conf"),
                "local all all trust\nhost all all 127.0.0.1/32 trust\n", ct).ConfigureAwait(false);

            // The port is picked free then released, so another process may grab it first: retry on a bind failure.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                if (File.Exists(log))
                    File.Delete(log);
                await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), string.Join('\n',
                    "",
                    "# sn-test-postgres",
                    "listen_addresses = '127.0.0.1'",
                    $"port = {port}",
                    $"unix_socket_directories = '{root}'",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off",
                    "max_connections = 200",
                    ""), ct).ConfigureAwait(false);

                var started = await TryRunPgAsync(asRoot, root, ct,
                    binaries.PgCtl, "-D", data, "-l", log, "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "start")
                    .ConfigureAwait(false);
                if (started.ExitCode != 0)
                {
                    var serverLog = ReadLog(log);
                    if (attempt < 3 && serverLog.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
                        continue;
                    throw new InvalidOperationException(
                        $"PostgreSQL did not start (pg_ctl exit code {started.ExitCode}).\n{started.Output}\n--- {log} ---\n{serverLog}");
                }

                var admin = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                    IncludeErrorDetail = true,
                }.ConnectionString;
                var server = new PostgresServer(admin, binaries, root, watchdog);
                try
                {
                    await WaitUntilAcceptingAsync(admin, StartTimeout, log, ct).ConfigureAwait(false);
                }
                catch
                {
                    await server.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
                return server;
            }
        }
        catch
        {
            await StopAsync(binaries, asRoot, root, CancellationToken.None).ConfigureAwait(false);
            TryDeleteFolder(root);
            watchdog?.Release();
            throw;
        }
    }

    /// <summary>
    /// Creates a fresh, uniquely named database and returns its connection string (with <c>Include Error Detail=true</c>).
    /// </summary>
    /// <param name="namePrefix">Readable start of the name (letters, digits and '_' kept, lower-cased); "test" by default.</param>
    public async Task<string> CreateDatabaseAsync(string? namePrefix = null, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var name = $"{SanitizePrefix(namePrefix)}_{Guid.NewGuid():N}";

        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m immediate</c>) and deletes its folder; does nothing for an external server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _rootFolder is null || _binaries is null)
            return;

        NpgsqlConnection.ClearAllPools();
        await StopAsync(_binaries, IsRoot(), _rootFolder, CancellationToken.None).ConfigureAwait(false);
        TryDeleteFolder(_rootFolder);
        _watchdog?.Release();
    }

    private static async Task StopAsync(PgBinaries binaries, bool asRoot, string root, CancellationToken ct)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
            await TryRunPgAsync(asRoot, root, ct, binaries.PgCtl, "-D", data, "-m", "immediate", "-w", "-t", "30", "stop").ConfigureAwait(false);
    }

    private static string SanitizePrefix(string? prefix)
    {
        var builder = new StringBuilder();
        foreach (var c in (prefix ?? "test").ToLowerInvariant())
        {
            if (builder.Length == 28)
                break;
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
                builder.Append(c);
        }
        // 28 + '_' + 32 hex digits stays under PostgreSQL's 63-byte identifier limit.
        return builder.Length == 0 ? "test" : builder.ToString();
    }

    private static async Task WaitUntilAcceptingAsync(string connectionString, TimeSpan timeout, string? logFile, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(ct).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException && !ct.IsCancellationRequested)
            {
                if (clock.Elapsed > timeout)
                {
                    var where = logFile is null ? $"{ExistingServerVariable} server" : $"server (log {logFile})";
                    var log = logFile is null ? "" : $"\n--- {logFile} ---\n{ReadLog(logFile)}";
                    throw new InvalidOperationException(
                        $"PostgreSQL {where} did not accept connections within {timeout.TotalSeconds:0} s: {ex.Message}{log}", ex);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            }
        }
    }

    private static string CreateRootFolder(bool asRoot)
    {
        var parent = Path.GetTempPath();
        // The postgres user must be able to reach the folder: a TMPDIR under /root would not do.
        if (asRoot && !IsTraversableByOthers(parent))
            parent = "/tmp";
        var folder = Path.Combine(parent, FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }

    private static bool IsTraversableByOthers(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if (!dir.Exists || (dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
                return false;
        }
        return true;
    }

    /// <summary>Stops and removes servers left behind by test processes that died without disposing them.</summary>
    private static async Task RemoveOrphanedServersAsync(PgBinaries binaries, bool asRoot)
    {
        foreach (var parent in new[] { Path.GetTempPath(), "/tmp" }.Distinct())
        {
            string[] folders;
            try { folders = Directory.GetDirectories(parent, FolderPrefix + "*"); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { continue; }

            foreach (var folder in folders)
            {
                try
                {
                    var pidText = File.ReadAllText(Path.Combine(folder, OwnerPidFile)).Trim();
                    if (!int.TryParse(pidText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
                        continue;
                    await StopAsync(binaries, asRoot, folder, CancellationToken.None).ConfigureAwait(false);
                    TryDeleteFolder(folder);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // Not ours to clean, or half-created: leave it.
                }
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDeleteFolder(string folder)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string ReadLog(string logFile)
    {
        try
        {
            return File.Exists(logFile) ? File.ReadAllText(logFile) : "(no log file)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }

    private static async Task RunPgAsync(bool asRoot, string workingDirectory, CancellationToken ct, params string[] command)
    {
        var result = await TryRunPgAsync(asRoot, workingDirectory, ct, command).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"'{string.Join(' ', command)}' failed with exit code {result.ExitCode}:\n{result.Output}");
    }

    private static Task<ProcessResult> TryRunPgAsync(bool asRoot, string workingDirectory, CancellationToken ct, params string[] command)
        => TryRunAsync(asRoot ? [RunUser.Value, "-u", ServiceUser, "--", .. command] : command, workingDirectory, ct);

    /// <summary>runuser lives in /usr/sbin, which a non-login PATH often lacks.</summary>
    private static readonly Lazy<string> RunUser = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(dir => Path.Combine(dir, "runuser"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "Running as root, the PostgreSQL binaries must run as the 'postgres' user but 'runuser' (util-linux) was not found."));

    private static async Task RunAsync(string[] command, string workingDirectory, CancellationToken ct)
    {
        var result = await TryRunAsync(command, workingDirectory, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"'{string.Join(' ', command)}' failed with exit code {result.ExitCode}:\n{result.Output}");
    }

    private static async Task<ProcessResult> TryRunAsync(string[] command, string workingDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run '{command[0]}': {ex.Message}", ex);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        return new ProcessResult(process.ExitCode, output);
    }

    private static bool IsRoot() => (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && NativeMethods.geteuid() == 0;

    /// <summary>
    /// A detached shell that blocks reading a pipe whose only writer is this process: when this process ends in any
    /// way (including being killed, as vstest does to testhost ~100 ms after the run, before exit handlers finish),
    /// the read returns and the shell stops the server and deletes its folder. No polling.
    /// </summary>
    private sealed class Watchdog
    {
        private const string Script = """
            exec >/dev/null 2>&1
            cat >/dev/null
            if [ -f "$2/postmaster.pid" ]; then
              if [ -n "$4" ]; then "$4" -u postgres -- "$3" -D "$2" -m immediate -w -t 30 stop
              else "$3" -D "$2" -m immediate -w -t 30 stop; fi
            fi
            rm -rf "$1"
            """;

        // Rooted until released: a collected pipe would close and stop a server that is merely unreferenced.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Watchdog, byte> Live = new();

        private readonly Process _process;

        private Watchdog(Process process)
        {
            _process = process;
            Live.TryAdd(this, 0);
        }

        public static Watchdog? Start(PgBinaries binaries, bool asRoot, string root)
        {
            // setsid -f: the shell leaves our process tree and session, so killing the test process tree spares it.
            var start = new ProcessStartInfo("setsid")
            {
                WorkingDirectory = root,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-f", "sh", "-c", Script, "sn-pg-watchdog", root, Path.Combine(root, "data"), binaries.PgCtl, asRoot ? RunUser.Value : "" })
                start.ArgumentList.Add(argument);
            try
            {
                var process = Process.Start(start);
                return process is null ? null : new Watchdog(process);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null; // no setsid: rely on Dispose, the exit handler and the orphan sweep
            }
        }

        /// <summary>Closes the pipe: the watchdog runs now (a no-op once the server is stopped and the folder gone).</summary>
        public void Release()
        {
            if (!Live.TryRemove(this, out _))
                return;
            try { _process.StandardInput.Close(); } catch (IOException) { }
            _process.Dispose();
        }
    }

    private readonly record struct ProcessResult(int ExitCode, string Output);

    private sealed record PgBinaries(string InitDb, string PgCtl)
    {
        public static PgBinaries Locate()
        {
            var pathDirs = (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            var fallbackDirs = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin"))
                : [];

            foreach (var dir in pathDirs.Concat(fallbackDirs))
            {
                var initdb = Path.Combine(dir, "initdb");
                var pgctl = Path.Combine(dir, "pg_ctl");
                if (File.Exists(initdb) && File.Exists(pgctl))
                    return new PgBinaries(Path.GetFullPath(initdb), Path.GetFullPath(pgctl));
            }

            throw new InvalidOperationException(
                "PostgreSQL 15 binaries (initdb, pg_ctl) not found on PATH: install postgresql-15 " +
                "(apt-get install postgresql-15, binaries in /usr/lib/postgresql/15/bin, also searched) " +
                $"or set {ExistingServerVariable} to the connection string of an existing server.");
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern uint geteuid();
    }
}

/// <summary>xunit-free shared instance: one server per test process, started lazily, stopped at process exit.</summary>
public static class SharedPostgres
{
    private static readonly Lock Gate = new();
    private static Task<PostgresServer>? _server;

    /// <summary>The process-wide server; started on first call. A failed start is retried on the next call.</summary>
    public static Task<PostgresServer> GetAsync()
    {
        lock (Gate)
        {
            if (_server is null || _server.IsFaulted || _server.IsCanceled)
            {
                var first = _server is null;
                _server = PostgresServer.StartAsync();
                if (first)
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAtExit();
            }
            return _server;
        }
    }

    private static void StopAtExit()
    {
        Task<PostgresServer>? server;
        lock (Gate)
            server = _server;
        if (server is null)
            return;
        try
        {
            server.GetAwaiter().GetResult().DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Best effort at exit; a leftover folder is cleaned by the next run (orphan sweep).
        }
    }
}
