using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Account;

/// <summary>Change one's password (twin of POST /api/v1/me/password): the account's other sessions end.</summary>
public sealed class PasswordModel(Credentials credentials) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Saisissez votre mot de passe actuel.")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Choisissez un nouveau mot de passe.")]
        [MaxLength(200, ErrorMessage = "Ce mot de passe est trop long.")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Saisissez une deuxième fois le nouveau mot de passe.")]
        [Compare(nameof(NewPassword), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
        public string Confirmation { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        if (!SommeNumerique.Saas.Domain.TextValues.IsXmlSafe(Input.NewPassword) || !SommeNumerique.Saas.Domain.TextValues.IsXmlSafe(Input.CurrentPassword))
        {
            ModelState.AddModelError("Input.NewPassword", SommeNumerique.Saas.Application.Common.XmlSafeTextRule.Message);
            return Page();
        }
        var errors = await credentials.ChangePasswordAsync(User, Input.CurrentPassword, Input.NewPassword, IdentityConstants.ApplicationScheme, ct);
        if (errors is not null)
        {
            foreach (var (field, messages) in errors)
                foreach (var message in messages)
                    ModelState.AddModelError(field == "currentPassword" ? "Input.CurrentPassword" : "Input.NewPassword", message);
            return Page();
        }
        Saved = true;
        return Page();
    }
}
