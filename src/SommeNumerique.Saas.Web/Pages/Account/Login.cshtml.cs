using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Infrastructure.Identity;

namespace SommeNumerique.Saas.Web.Pages.Account;

public sealed class LoginModel(SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Saisissez votre adresse e-mail.")]
        [EmailAddress(ErrorMessage = "Cette adresse e-mail n'est pas valide.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Saisissez votre mot de passe.")]
        public string Password { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "Votre compte est verrouillé après plusieurs tentatives. Réessayez dans 15 minutes."
            : "Adresse e-mail ou mot de passe incorrect.");
        return Page();
    }
}
