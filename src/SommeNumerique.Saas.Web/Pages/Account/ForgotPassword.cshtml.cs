using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Account;

/// <summary>"Mot de passe oublié": the same answer whatever the address (twin of POST /api/v1/auth/forgot-password).</summary>
public sealed class ForgotPasswordModel(Credentials credentials) : PageModel
{
    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Saisissez votre adresse e-mail.")]
        [EmailAddress(ErrorMessage = "Cette adresse e-mail n'est pas valide.")]
        [MaxLength(256, ErrorMessage = "Cette adresse e-mail est trop longue.")]
        public string Email { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        if (!SommeNumerique.Saas.Domain.TextValues.IsXmlSafe(Input.Email))
        {
            ModelState.AddModelError("Input.Email", SommeNumerique.Saas.Application.Common.XmlSafeTextRule.Message);
            return Page();
        }
        var (accepted, retryAfter) = await credentials.ForgotPasswordAsync(Input.Email, HttpContext.Connection.RemoteIpAddress, ct);
        if (!accepted)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty, Credentials.PasswordResetThrottledMessage);
            return Page();
        }
        Sent = true;
        return Page();
    }
}
