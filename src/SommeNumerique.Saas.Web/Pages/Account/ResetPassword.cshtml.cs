using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Account;

/// <summary>
/// <c>/Account/ResetPassword?user=&lt;id&gt;&amp;code=&lt;code&gt;</c>: choose a password with a reset or activation link
/// (twin of POST /api/v1/auth/reset-password). A used or expired link changes nothing.
/// </summary>
public sealed class ResetPasswordModel(Credentials credentials) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "code")]
    public string? Code { get; set; }

    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public bool LinkValid { get; private set; }
    public bool Done { get; private set; }

    public sealed class ResetInput
    {
        [Required(ErrorMessage = "Choisissez un mot de passe.")]
        [MaxLength(200, ErrorMessage = "Ce mot de passe est trop long.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Saisissez une deuxième fois le mot de passe.")]
        [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
        public string Confirmation { get; set; } = "";
    }

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        LinkValid = UserId is { } id && !string.IsNullOrEmpty(Code) && Code.Length <= 4000 && await credentials.LinkIsValidAsync(id, Code);
        if (!LinkValid) ModelState.AddModelError(string.Empty, Credentials.LinkInvalidMessage);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (UserId is not { } id || string.IsNullOrEmpty(Code) || Code.Length > 4000)
        {
            ModelState.AddModelError(string.Empty, Credentials.LinkInvalidMessage);
            return Page();
        }
        LinkValid = true;
        if (!ModelState.IsValid) return Page();
        if (!SommeNumerique.Saas.Domain.TextValues.IsXmlSafe(Input.Password))
        {
            ModelState.AddModelError("Input.Password", SommeNumerique.Saas.Application.Common.XmlSafeTextRule.Message);
            return Page();
        }
        var (outcome, errors) = await credentials.ResetPasswordAsync(id, Code, Input.Password, ct);
        switch (outcome)
        {
            case ResetOutcome.Done:
                Done = true;
                break;
            case ResetOutcome.PasswordRejected:
                foreach (var error in errors) ModelState.AddModelError("Input.Password", error);
                break;
            default:
                LinkValid = false;
                ModelState.AddModelError(string.Empty, Credentials.LinkInvalidMessage);
                break;
        }
        return Page();
    }
}
