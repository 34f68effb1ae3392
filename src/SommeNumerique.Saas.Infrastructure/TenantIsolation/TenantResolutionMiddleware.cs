using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.Persistence;

namespace SommeNumerique.Saas.Infrastructure.TenantIsolation;

/// <summary>
/// Resolves the request's tenant right after authentication:
/// <list type="bullet">
/// <item>Staff and Treasury act in the host context (every tenant visible).</item>
/// <item>Other users act for one of their tenants: the <c>X-Tenant-Id</c> header (API) or the
/// <c>sn.tenant</c> cookie (portal switcher), checked against the user's memberships; otherwise their first
/// tenant by name. A header naming a tenant the user does not belong to is answered 403 at once; a stale
/// cookie is ignored.</item>
/// </list>
/// The role held in the active tenant (TenantAdmin / TenantUser) is added to the user's claims for this
/// request only, so that authorization sees the role of the tenant being acted for.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Tenant-Id";
    public const string CookieName = "sn.tenant";

    public async Task InvokeAsync(HttpContext http, TenantContext tenant, SaasDbContext db)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        if (Roles.Global.Any(user.IsInRole))
        {
            tenant.UseHost();
            await next(http);
            return;
        }

        var userId = CurrentUser.ReadUserId(user);
        var available = userId is { } id ? await LoadTenantsOf(db, id, http.RequestAborted) : [];

        var header = http.Request.Headers[HeaderName].ToString();
        TenantAccess? active;
        if (!string.IsNullOrEmpty(header))
        {
            active = Guid.TryParse(header, out var requested) ? available.FirstOrDefault(t => t.TenantId == requested) : null;
            if (active is null)
            {
                await WriteForbidden(http, $"Vous n'avez pas accès à la collectivité « {header} ».");
                return;
            }
        }
        else
        {
            var cookie = http.Request.Cookies[CookieName];
            active = (Guid.TryParse(cookie, out var chosen) ? available.FirstOrDefault(t => t.TenantId == chosen) : null)
                ?? available.FirstOrDefault();
        }

        if (active is null)
        {
            tenant.UseNone(available);
        }
        else
        {
            tenant.UseTenant(active, available);
            user.AddIdentity(new ClaimsIdentity([new Claim(ClaimTypes.Role, active.Role.ToString())]));
        }
        await next(http);
    }

    /// <summary>
    /// The user's tenants. This is the one read that must cross tenants (the tenant is not known yet), so it
    /// switches the tenant filter off by name, for this query only.
    /// </summary>
    private static async Task<IReadOnlyList<TenantAccess>> LoadTenantsOf(SaasDbContext db, Guid userId, CancellationToken ct) =>
        await db.TenantMembers
            .IgnoreQueryFilters([IsolationRules.FilterName])
            .Where(m => m.UserId == userId)
            .Join(db.Tenants, m => m.TenantId, t => t.Id, (m, t) => new { t.Id, t.Name, t.Kind, m.Role })
            .OrderBy(x => x.Name)
            .Select(x => new TenantAccess(x.Id, x.Name, x.Kind, x.Role))
            .ToListAsync(ct);

    private static async Task WriteForbidden(HttpContext http, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.Response.WriteAsJsonAsync(
            new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Accès refusé à cette collectivité",
                Detail = detail,
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            },
            options: null, contentType: "application/problem+json");
    }
}
