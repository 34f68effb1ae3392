using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Account;

/// <summary>
/// The two-step sign-in of one's account (twins: /api/v1/me/two-factor/*): the key and its QR code, a first code to
/// turn it on, then 10 recovery codes shown once; new recovery codes; turning it off (tenant users only). Staff and
/// Treasury accounts not enrolled yet are sent here by the portal until they are.
/// </summary>
public sealed class TwoFactorModel(Credentials credentials) : PageModel
{
    [BindProperty]
    public EnableInput Input { get; set; } = new();

    public TwoFactorStatus Status { get; private set; } = new(false, false, 0);
    public AuthenticatorSetup? Setup { get; private set; }
    /// <summary>Recovery codes just made: shown on this answer only.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }
    public string? Message { get; private set; }

    public sealed class EnableInput
    {
        [Required(ErrorMessage = "Saisissez le code affiché par votre application.")]
        [MaxLength(20, ErrorMessage = "Le code compte 6 chiffres.")]
        public string Code { get; set; } = "";
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await credentials.UserAsync(User);
        if (ModelState.IsValid)
        {
            try
            {
                NewRecoveryCodes = await credentials.EnableAsync(user, Input.Code, IdentityConstants.ApplicationScheme);
                if (NewRecoveryCodes is null) ModelState.AddModelError("Input.Code", PasswordSignIn.CodeWrongMessage);
                else Message = "La validation en deux étapes est activée.";
            }
            catch (ConflictException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        ModelState.Clear();
        NewRecoveryCodes = await credentials.RegenerateRecoveryCodesAsync(await credentials.UserAsync(User));
        if (NewRecoveryCodes is null) ModelState.AddModelError(string.Empty, "La validation en deux étapes n'est pas activée sur ce compte.");
        else Message = "Nouveaux codes de récupération : les anciens ne fonctionnent plus.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        ModelState.Clear();
        var user = await credentials.UserAsync(User);
        var status = await credentials.StatusAsync(user);
        if (!status.Enabled) ModelState.AddModelError(string.Empty, "La validation en deux étapes n'est pas activée sur ce compte.");
        else
        {
            try
            {
                await credentials.DisableAsync(user, IdentityConstants.ApplicationScheme);
                Message = "La validation en deux étapes est désactivée.";
            }
            catch (ForbiddenException e)
            {
                ModelState.AddModelError(string.Empty, e.Message);
            }
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var user = await credentials.UserAsync(User);
        Status = await credentials.StatusAsync(user);
        if (!Status.Enabled) Setup = await credentials.AuthenticatorAsync(user);
    }
}
