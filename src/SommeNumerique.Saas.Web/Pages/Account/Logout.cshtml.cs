using SommeNumerique.Saas.Application.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<ApplicationUser> signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        Response.Cookies.Delete(TenantResolutionMiddleware.CookieName);
        return RedirectToPage("/Account/Login");
    }
}
