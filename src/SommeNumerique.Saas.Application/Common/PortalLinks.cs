using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// Absolute links to portal pages, for e-mails and printed activation links: from <c>Portal:BaseUrl</c>; when it is not
/// configured (Development), from the current request's origin (its host is checked by AllowedHosts), else
/// <c>http://localhost:5080</c>.
/// </summary>
public sealed class PortalLinks(IOptions<PortalOptions> portal, IHttpContextAccessor http)
{
    public const string DevelopmentBaseUrl = "http://localhost:5080";

    /// <summary><paramref name="pathAndQuery"/> starts with "/", e.g. "/Account/Invitation?token=…".</summary>
    public string To(string pathAndQuery)
    {
        var baseUrl = portal.Value.BaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl) && http.HttpContext?.Request is { } request && request.Host.HasValue)
            baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        if (string.IsNullOrWhiteSpace(baseUrl)) baseUrl = DevelopmentBaseUrl;
        return baseUrl.TrimEnd('/') + pathAndQuery;
    }
}
