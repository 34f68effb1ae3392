using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SommeNumerique.Saas.Web;

/// <summary>
/// Forwarded headers behind a reverse proxy (nginx in <c>infra/selfhost</c>, App Service in Azure): the app takes the
/// client's address, scheme and host from <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>,
/// but only when the request comes from a trusted proxy. Without that, redirects would point to <c>http://</c> and
/// the client address would be the proxy's.
/// </summary>
/// <remarks>
/// Who is trusted, from configuration:
/// <list type="bullet">
/// <item><c>ReverseProxy:KnownProxies</c> (IP addresses) and/or <c>ReverseProxy:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/8</c>):
/// only these; either as a list (<c>ReverseProxy__KnownProxies__0=10.0.0.2</c>) or one comma-separated value.</item>
/// <item>Neither set: ASP.NET Core's default, loopback only (a proxy on the same host).</item>
/// <item><c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> (set by <c>infra/azure</c> and <c>infra/selfhost</c>): ASP.NET Core
/// itself runs the middleware first and trusts <b>any</b> proxy — right only when the app cannot be reached except
/// through the proxy. Known proxies/networks, when set, still restrict it to them.</item>
/// </list>
/// </remarks>
public static class ReverseProxySetup
{
    public const string Section = "ReverseProxy";

    /// <summary>The configuration key behind <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>.</summary>
    private const string TrustAnyProxyKey = "ForwardedHeaders_Enabled";

    public static IServiceCollection AddReverseProxy(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(Configure);
        return services;
    }

    /// <summary>
    /// Adds the forwarded headers middleware; call it first in the pipeline. With <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>
    /// the host has already added it (a startup filter, same options): running it twice would consume one more,
    /// client-supplied, <c>X-Forwarded-For</c> entry.
    /// </summary>
    public static IApplicationBuilder UseReverseProxyHeaders(this WebApplication app) =>
        TrustsAnyProxy(app.Configuration) ? app : app.UseForwardedHeaders();

    public static bool TrustsAnyProxy(IConfiguration configuration) =>
        string.Equals(configuration[TrustAnyProxyKey], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Applies the <c>ReverseProxy</c> section to the options (after ASP.NET Core's own defaults).</summary>
    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        // X-Forwarded-Host is held to the host names the app serves (AllowedHosts, checked on the Host header itself).
        var allowedHosts = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (allowedHosts.Length > 0 && !allowedHosts.Contains("*")) options.AllowedHosts = allowedHosts;

        var section = configuration.GetSection(Section);
        var proxies = Values(section.GetSection("KnownProxies"));
        var networks = Values(section.GetSection("KnownNetworks"));
        if (proxies.Count == 0 && networks.Count == 0) return; // keep the default: loopback (or any proxy, see remarks)

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (!IPAddress.TryParse(proxy, out var address))
                throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address.");
            options.KnownProxies.Add(address);
        }
        foreach (var network in networks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out var parsed))
                throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a CIDR network (e.g. 10.0.0.0/8).");
            options.KnownIPNetworks.Add(parsed);
        }
    }

    /// <summary>
    /// A list section (<c>Key:0</c>, <c>Key:1</c>...) and/or a single comma/semicolon/space-separated value (a section
    /// can hold both, e.g. an empty value beside its children when configuration is flattened into arguments).
    /// </summary>
    private static List<string> Values(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value).Prepend(section.Value)
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
}
