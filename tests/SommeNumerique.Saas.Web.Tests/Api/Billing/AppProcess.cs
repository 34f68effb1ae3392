using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Billing;

/// <summary>
/// The built web application run as a child process (<c>dotnet SommeNumerique.Saas.Web.dll</c>) on a SQLite file of
/// the caller's, on 127.0.0.1 and a free port, in the Development environment: a process the test can really kill
/// (<see cref="Kill"/>) and start again on the same database.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>What the process wrote so far (console logs), for waiting on a line and for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the app on <paramref name="dataDirectory"/> with extra settings ("Section__Key") and waits until it answers.</summary>
    public static async Task<AppProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "SommeNumerique.Saas.Web.dll"))
        {
            WorkingDirectory = WebProjectDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = address.ToString();
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["Database__DataDirectory"] = dataDirectory;
        info.Environment["Demo__Password"] = SaasAppFactory.DemoPassword;
        info.Environment["Demo__AuthenticatorKey"] = SommeNumerique.Saas.TestSupport.DemoAuthenticator.Key;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var app = new AppProcess(Process.Start(info)!, address);
        await app.WaitUntilReadyAsync();
        return app;
    }

    /// <summary>
    /// Runs the built program with <paramref name="args"/> (e.g. <c>admin create …</c>) and the environment variables
    /// <paramref name="environment"/> ("Section__Key"), until it exits: its exit code and everything it wrote.
    /// </summary>
    public static async Task<(int Exit, string Output)> RunCommandAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SommeNumerique.Saas.Web.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Kills the process and its children at once (no graceful shutdown), and waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits until the process writes a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!_output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"no line '{text}' in the output:\n{Output}");
            await Task.Delay(50);
        }
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(3) };

    /// <summary>A client signed in through the API as the syndicate's staff agent (bearer token).</summary>
    public async Task<HttpClient> StaffAsync()
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login",
            ApiClient.LoginBody(SommeNumerique.Saas.Infrastructure.Identity.DemoAccounts.StaffEmail));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Str("accessToken"));
        return client;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            Assert.False(_process.HasExited, $"the app stopped at start-up:\n{Output}");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Assert.True(DateTime.UtcNow < deadline, $"the app did not answer in time:\n{Output}");
            await Task.Delay(200);
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

    /// <summary>The web project's folder (content root: appsettings.json), found from the test output folder.</summary>
    private static string WebProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var web = Path.Combine(dir.FullName, "src", "SommeNumerique.Saas.Web");
            if (File.Exists(Path.Combine(web, "appsettings.json"))) return web;
        }
        throw new InvalidOperationException("src/SommeNumerique.Saas.Web not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }
}
