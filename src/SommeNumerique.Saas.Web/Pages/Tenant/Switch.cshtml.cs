using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Web.Pages.Tenant;

/// <summary>
/// The tenant switcher of users who work for several tenants: remembers the choice in the
/// <c>sn.tenant</c> cookie, which the tenant resolution checks against the user's tenants at every request.
/// </summary>
public sealed class SwitchModel(ITenantContext tenant) : PageModel
{
    public IReadOnlyList<TenantAccess> Available => tenant.AvailableTenants;
    public string? Error { get; private set; }

    public void OnGet() { }

    public IActionResult OnPost(Guid? tenantId, string? returnUrl)
    {
        var chosen = Available.FirstOrDefault(t => t.TenantId == tenantId);
        if (chosen is null)
        {
            Error = "Vous n'avez pas accès à cette collectivité. Choisissez-en une dans la liste.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Response.Cookies.Append(TenantResolutionMiddleware.CookieName, chosen.TenantId.ToString(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(90),
        });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
