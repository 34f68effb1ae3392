using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Accounts;
using SommeNumerique.Saas.Domain;

namespace SommeNumerique.Saas.Web.Pages.Account;

/// <summary>
/// The page of an invitation's link (anonymous): a new person chooses a name and a password; an existing account is
/// attached and told to sign in. A used, revoked, expired or unknown link is refused with its French message.
/// </summary>
[AllowAnonymous]
public sealed class InvitationModel(ISender sender) : PageModel
{
    public sealed class InputModel
    {
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public DescribeInvitation.Description? Invitation { get; private set; }
    public string? Refusal { get; private set; }
    public AcceptInvitation.Accepted? Accepted { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Refusal is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!Invitation.ExistingAccount && Input.Password != Input.ConfirmPassword)
            ModelState.AddModelError("Input.ConfirmPassword", "Les deux mots de passe ne sont pas identiques.");
        if (ModelState.ErrorCount == 0)
            Accepted = await sender.TrySendAsync(new AcceptInvitation.Command(Token, Input.DisplayName, Input.Password), ModelState, "Input", ct);
        if (Accepted is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        try
        {
            Invitation = await sender.Send(new DescribeInvitation.Query(Token), ct);
        }
        catch (Exception e) when (e is NotFoundException or DomainException or FluentValidation.ValidationException)
        {
            Refusal = e is FluentValidation.ValidationException ? "Le lien d'invitation est incomplet : copiez-le en entier depuis l'e-mail reçu." : e.Message;
        }
    }
}
