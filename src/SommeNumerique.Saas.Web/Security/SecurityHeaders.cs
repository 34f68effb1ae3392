using Microsoft.AspNetCore.Antiforgery;
using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Web.Security;

/// <summary>
/// The browser-side protections of every answer: a Content-Security-Policy (the portal loads scripts and styles from
/// the site only, has no inline script, and cannot be framed), no MIME sniffing, no full address in the Referer of
/// links to other sites, no framing for older browsers either (X-Frame-Options).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The portal and the API: nothing inline, nothing from elsewhere, never framed.</summary>
    public const string Strict =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Scalar, under <see cref="ApiDocsPath"/>): its bundle is served by the app, but it starts with an
    /// inline module script (its configuration), sets styles at run time and uses Scalar's web fonts.
    /// </summary>
    public const string ApiDocs =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline' https://fonts.scalar.com; " +
        "img-src 'self' data:; font-src 'self' data: https://fonts.scalar.com; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ApiDocsPath = "/api/docs";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiDocsPath) ? ApiDocs : Strict;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        return next(context);
    }
}

public static class SecurityHeadersSetup
{
    /// <summary>
    /// HSTS for a year with subdomains (sent outside Development), the antiforgery cookie Secure on https, and the
    /// portal's own address (<see cref="PortalOptions"/>) for links built without the Host header.
    /// </summary>
    public static IServiceCollection AddBrowserHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>Adds <see cref="SecurityHeadersMiddleware"/>: early, so that error pages and static files carry the headers too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeadersMiddleware>();
}
