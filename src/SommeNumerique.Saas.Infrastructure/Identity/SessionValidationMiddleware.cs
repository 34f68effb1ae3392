using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Infrastructure.Persistence;

namespace SommeNumerique.Saas.Infrastructure.Identity;

/// <summary>
/// Right after authentication, on every request: the session (cookie or bearer token) is still the account's. Its
/// security stamp claim must equal the account's current stamp (a password change or reset, a 2FA change, a
/// deactivation all renew it) and the account must not be locked (<c>LockoutEnd</c> in the future: deactivated).
/// Otherwise the request goes on as anonymous (401 problem details for the API, the sign-in page for the portal) and
/// the portal cookie is removed. Identity's bearer tokens never check the stamp by themselves; the cookie's
/// periodic SecurityStampValidator would only notice after its interval: this check costs one small query and acts
/// at once for both.
/// <para>
/// Portal only: an account that must use the two-step sign-in (Staff, Treasury) but has not enrolled yet is sent to
/// <c>/Account/TwoFactor</c> for every page but that one and signing out.
/// </para>
/// </summary>
public sealed class SessionValidationMiddleware(RequestDelegate next)
{
    public const string EnrolmentPath = "/Account/TwoFactor";

    private static readonly string[] OpenToUnenrolled = [EnrolmentPath, "/Account/Logout", "/Account/Login", "/Account/AccessDenied", "/Error"];

    public async Task InvokeAsync(HttpContext http, SaasDbContext db, TimeProvider clock, IOptions<IdentityOptions> identity)
    {
        var principal = http.User;
        if (principal.Identity?.IsAuthenticated != true || CurrentUser.ReadUserId(principal) is not { } userId)
        {
            await next(http);
            return;
        }

        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd, u.TwoFactorEnabled })
            .SingleOrDefaultAsync(http.RequestAborted);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (account is null || account.SecurityStamp != stamp || account.LockoutEnd > clock.GetUtcNow())
        {
            if (!IdentitySetup.IsApi(http.Request)) await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
            await next(http);
            return;
        }

        if (!account.TwoFactorEnabled && !IdentitySetup.IsApi(http.Request)
            && CredentialOptions.TwoFactorRequiredRoles.Any(principal.IsInRole)
            && !OpenToUnenrolled.Any(p => http.Request.Path.StartsWithSegments(p)))
        {
            http.Response.Redirect(EnrolmentPath);
            return;
        }
        await next(http);
    }
}
