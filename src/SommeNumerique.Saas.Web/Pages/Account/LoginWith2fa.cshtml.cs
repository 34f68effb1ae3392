using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Account;

/// <summary>The second step of the portal sign-in: the authenticator's code or a recovery code (throttled like the first).</summary>
public sealed class LoginWith2faModel(PasswordSignIn signIn) : PageModel
{
    public const string ExpiredMessage = "Votre connexion a expiré : saisissez de nouveau votre adresse e-mail et votre mot de passe.";

    [BindProperty]
    public SecondStepInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Pending { get; private set; }

    public sealed class SecondStepInput
    {
        [MaxLength(20, ErrorMessage = "Le code compte 6 chiffres.")]
        public string? Code { get; set; }

        [MaxLength(40, ErrorMessage = "Ce code de récupération n'est pas valide.")]
        public string? RecoveryCode { get; set; }
    }

    public async Task OnGetAsync()
    {
        Pending = await signIn.PendingSecondStepAsync() is not null;
        if (!Pending) ModelState.AddModelError(string.Empty, ExpiredMessage);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Pending = true;
        if (string.IsNullOrWhiteSpace(Input.Code) && string.IsNullOrWhiteSpace(Input.RecoveryCode))
            ModelState.AddModelError("Input.Code", "Saisissez le code affiché par votre application d'authentification.");
        if (!ModelState.IsValid) return Page();

        var (outcome, retryAfter) = await signIn.SecondStepAsync(Input.Code, Input.RecoveryCode, HttpContext.Connection.RemoteIpAddress);
        switch (outcome)
        {
            case SignInOutcome.Succeeded:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInOutcome.Throttled:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                ModelState.AddModelError(string.Empty, PasswordSignIn.ThrottledMessage(retryAfter));
                break;
            case SignInOutcome.TwoFactorWrong:
                ModelState.AddModelError(string.Empty, PasswordSignIn.CodeWrongMessage);
                break;
            default:
                Pending = false;
                ModelState.AddModelError(string.Empty, ExpiredMessage);
                break;
        }
        return Page();
    }
}
