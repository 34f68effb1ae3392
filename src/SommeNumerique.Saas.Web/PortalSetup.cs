using Microsoft.AspNetCore.ResponseCompression;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Web;

/// <summary>
/// Hosting details of the portal: the default address when none is configured, response compression, and French
/// error pages for the portal (the API keeps its problem details).
/// </summary>
public static class PortalSetup
{
    /// <summary>Where Kestrel listens when neither <c>ASPNETCORE_URLS</c>, <c>--urls</c>, ports nor <c>Kestrel:Endpoints</c> say.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>
    /// Listens on <see cref="DefaultUrl"/> only when no address is configured, so that <c>ASPNETCORE_URLS</c> (or
    /// <c>--urls</c>) is honoured under <c>dotnet run</c>: the launch profile carries no <c>applicationUrl</c>, which
    /// would override it.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrlWhenUnset(this WebApplicationBuilder builder)
    {
        var c = builder.Configuration;
        var configured = !string.IsNullOrWhiteSpace(c["urls"]) || !string.IsNullOrWhiteSpace(c["http_ports"])
                         || !string.IsNullOrWhiteSpace(c["https_ports"]) || c.GetSection("Kestrel:Endpoints").Exists();
        if (!configured) builder.WebHost.UseUrls(DefaultUrl);
        return builder;
    }

    /// <summary>
    /// Brotli and gzip, https included, for static files, API JSON and exports only. Pages (<c>text/html</c>) are
    /// not compressed: they carry antiforgery tokens next to text echoed from the request (search fields), the
    /// condition of a BREACH attack; sign-in answers (tokens) are not compressed either (see <see cref="UsePortalCompression"/>).
    /// Already compressed types (images, PDF, fonts) are not in the list.
    /// </summary>
    public static IServiceCollection AddPortalCompression(this IServiceCollection services) =>
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes =
            [
                "text/css", "text/javascript", "application/javascript", "image/svg+xml", "image/x-icon",
                "application/json", "application/problem+json", "text/csv", "application/xml", "text/xml",
            ];
        });

    /// <summary>Compresses every answer of a listed type, except the sign-in endpoints' (bearer and refresh tokens).</summary>
    public static IApplicationBuilder UsePortalCompression(this IApplicationBuilder app) =>
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api/v1/auth"), branch => branch.UseResponseCompression());

    private static bool IsApi(HttpContext c) =>
        c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/openapi") || c.Request.Path.StartsWithSegments("/health");

    /// <summary>
    /// Errors without a body: problem details under <c>/api</c> (and OpenAPI, health); elsewhere the French page
    /// <c>/Error/{code}</c> ("Page introuvable", "Accès refusé", "Une erreur est survenue"). An exception escaping a
    /// page becomes that page too (404 / 401 / 403 for the application's not-found, sign-in required and forbidden, 500 otherwise), never JSON.
    /// </summary>
    public static IApplicationBuilder UsePortalErrorPages(this IApplicationBuilder app)
    {
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), portal =>
        {
            portal.UseStatusCodePagesWithReExecute("/Error/{0}");
            portal.Use(async (context, next) =>
            {
                try
                {
                    await next(context);
                }
                catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
                {
                    var status = e switch
                    {
                        NotFoundException => StatusCodes.Status404NotFound,
                        SignInRequiredException => StatusCodes.Status401Unauthorized,
                        ForbiddenException or TenantMismatchException => StatusCodes.Status403Forbidden,
                        _ => StatusCodes.Status500InternalServerError,
                    };
                    if (status == StatusCodes.Status500InternalServerError)
                        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SommeNumerique.Saas.Web.Portal")
                            .LogError(e, "Unhandled exception on {Path}", context.Request.Path);
                    context.Response.Clear();
                    context.Response.StatusCode = status;
                }
            });
        });
        return app;
    }
}
