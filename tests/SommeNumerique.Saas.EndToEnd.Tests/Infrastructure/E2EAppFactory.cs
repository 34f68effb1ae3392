using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SommeNumerique.Saas.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real application (Program.cs) served by Kestrel on a free port of 127.0.0.1, so that a real browser can reach it:
/// Development environment, a temporary SQLite database (migrations, Somme import, demo accounts at start-up)
/// and a known demo password.
/// </summary>
public sealed class E2EAppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Passw0rd-E2E";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sn-e2e-tests-").FullName;

    public E2EAppFactory() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    /// <summary>The address the app listens on, e.g. http://127.0.0.1:41234 (no trailing slash). Set by <see cref="Start"/>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Extra configuration ("Section:Key", e.g. the test SMTP server's address), applied before the app starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Demo:AuthenticatorKey", SommeNumerique.Saas.TestSupport.DemoAuthenticator.Key); // Staff, Treasury: second step
        // Every test signs in from 127.0.0.1: sign-in limits out of the way.
        builder.UseSetting("RateLimiting:SignIn:PerIpPermitLimit", "100000");
        builder.UseSetting("RateLimiting:SignIn:PerAccountAndIpPermitLimit", "100000");
        builder.UseSetting("RateLimiting:SignIn:PerAccountPermitLimit", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>Starts Kestrel (migrations + import happen here) and reads the port it got.</summary>
    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseUrl = addresses.Single().TrimEnd('/');
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One started application per test class (xunit class fixture).</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public E2EAppFactory Factory { get; } = new();

    public string BaseUrl => Factory.BaseUrl;

    public Task InitializeAsync()
    {
        Factory.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
