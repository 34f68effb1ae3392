using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.ScaleOut;

/// <summary>The app behind a reverse proxy, on SQLite, trusting one known proxy and one known network.</summary>
public sealed class ReverseProxyApp : IAsyncLifetime
{
    public const string KnownProxy = "10.0.0.5";
    public const string KnownNetwork = "192.168.10.0/24";

    public SaasAppFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = SaasAppFactory.Sqlite();
        Factory.Settings["ReverseProxy:KnownProxies:0"] = KnownProxy;
        Factory.Settings["ReverseProxy:KnownNetworks"] = KnownNetwork; // the comma-separated form
        Factory.Settings["AllowedHosts"] = "app1;portail.somme-numerique.test"; // the instance's name, the public name
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Forwarded headers: the scheme and host the client used reach the app only through a trusted proxy. Seen in the
/// real login redirect, whose absolute Location is built from Request.Scheme (IsHttps) and Request.Host.
/// </summary>
public sealed class ReverseProxyTests(ReverseProxyApp app) : IClassFixture<ReverseProxyApp>
{
    /// <summary>An anonymous GET / arriving from <paramref name="remoteIp"/> with the proxy's headers; returns the login redirect.</summary>
    private async Task<string> LoginRedirectFrom(string remoteIp)
    {
        var context = await app.Factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(remoteIp);
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("app1:8080");
            c.Request.Path = "/";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-Host"] = "portail.somme-numerique.test";
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.50";
        });
        Assert.Equal(StatusCodes.Status302Found, context.Response.StatusCode);
        return context.Response.Headers.Location.ToString();
    }

    [Fact]
    public async Task Behind_a_known_proxy_the_request_is_https_on_the_public_host()
    {
        var location = await LoginRedirectFrom(ReverseProxyApp.KnownProxy);

        Assert.Equal("https://portail.somme-numerique.test/Account/Login?ReturnUrl=%2F", location);
    }

    [Fact]
    public async Task A_proxy_inside_a_known_network_is_trusted_too()
    {
        var location = new Uri(await LoginRedirectFrom("192.168.10.7"));

        Assert.Equal(Uri.UriSchemeHttps, location.Scheme);
        Assert.Equal("portail.somme-numerique.test", location.Host);
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_else_are_ignored()
    {
        var location = await LoginRedirectFrom("203.0.113.9");

        Assert.Equal("http://app1:8080/Account/Login?ReturnUrl=%2F", location);
    }

    [Fact]
    public void Without_configuration_the_default_stays_loopback_only()
    {
        var options = new ForwardedHeadersOptions();
        var proxies = options.KnownProxies.ToList();
        var networks = options.KnownIPNetworks.ToList();

        ReverseProxySetup.Configure(options, Configuration([]));

        Assert.Equal(proxies, options.KnownProxies);
        Assert.Equal(networks, options.KnownIPNetworks);
        Assert.All(options.KnownProxies, p => Assert.True(IPAddress.IsLoopback(p)));
        Assert.All(options.KnownIPNetworks, n => Assert.True(IPAddress.IsLoopback(n.BaseAddress)));
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost, options.ForwardedHeaders);
        Assert.False(ReverseProxySetup.TrustsAnyProxy(Configuration([])));
    }

    [Fact]
    public void Configured_proxies_and_networks_replace_the_default_and_bad_values_stop_the_start()
    {
        var options = new ForwardedHeadersOptions();
        ReverseProxySetup.Configure(options, Configuration(new()
        {
            ["ReverseProxy:KnownProxies"] = "10.0.0.2, 10.0.0.3",
            ["ReverseProxy:KnownNetworks:0"] = "172.16.0.0/12",
        }));

        Assert.Equal(new[] { IPAddress.Parse("10.0.0.2"), IPAddress.Parse("10.0.0.3") }, options.KnownProxies);
        Assert.Equal(new[] { System.Net.IPNetwork.Parse("172.16.0.0/12") }, options.KnownIPNetworks);

        Assert.Throws<InvalidOperationException>(() =>
            ReverseProxySetup.Configure(new ForwardedHeadersOptions(), Configuration(new() { ["ReverseProxy:KnownProxies:0"] = "nginx" })));
        Assert.Throws<InvalidOperationException>(() =>
            ReverseProxySetup.Configure(new ForwardedHeadersOptions(), Configuration(new() { ["ReverseProxy:KnownNetworks:0"] = "10.0.0.1" })));
    }

    [Fact]
    public void ASPNETCORE_FORWARDEDHEADERS_ENABLED_is_recognised_so_the_middleware_is_not_added_twice() =>
        Assert.True(ReverseProxySetup.TrustsAnyProxy(Configuration(new() { ["FORWARDEDHEADERS_ENABLED"] = "true" })));

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
