using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Email;
using SommeNumerique.Saas.Application.Features.Emails;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Web.Pages.Shared;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Staff;

/// <summary>
/// Staff: the e-mail outbox (as <c>GET /api/v1/admin/emails</c>): what was sent, what waits for a retry and what was
/// given up, with the attempts and the last error; a failed or waiting message can be tried again at once.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class EmailsModel(ISender sender) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public PagedResult<OutboxEmailView>? Result { get; private set; }
    public ListNavigation List { get; private set; } = null!;
    public string? Message { get; private set; }

    public IEnumerable<(string Code, string Label)> Statuses => OutboxStatus.All.Select(s => (s, OutboxStatus.Label(s)));

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Message = done;
        await Load(ct);
    }

    [HandlerPolicy(Policies.Staff)]
    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        var retried = await sender.TrySendAsync(new RetryOutboxEmail.Command(id), ModelState, "", ct);
        if (retried is not null)
        {
            var done = $"Nouvel essai lancé pour le message « {retried.Subject} » à {retried.To}.";
            return Redirect($"/Staff/Emails?status={Uri.EscapeDataString(Status ?? "")}&done={Uri.EscapeDataString(done)}");
        }
        Response.StatusCode = ModelState.Values.Any(v => v.Errors.Any(e => e.ErrorMessage == "Message introuvable."))
            ? StatusCodes.Status404NotFound
            : StatusCodes.Status409Conflict;
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        List = new ListNavigation(Request, PageSize, "queued", defaultDescending: true);
        var errors = ModelState.ErrorCount;
        Result = await sender.TrySendAsync(new ListOutboxEmails.Query(TextValues.Blank(Status), List.Page, PageSize), ModelState, "", ct);
        if (Result is null)
        {
            if (ModelState.ErrorCount > errors) Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else List.Total = Result.Total;
    }

    /// <summary>The message of a refused filter, shown next to it.</summary>
    public string? ErrorFor(string field) =>
        ModelState.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value?.Errors ?? []).Select(e => e.ErrorMessage).FirstOrDefault();

    public static string KindLabel(string kind) => kind switch
    {
        "Invitation" => "Invitation",
        "PasswordReset" => "Mot de passe",
        "InvoiceAvailable" => "Facture disponible",
        _ => kind,
    };

    public static string When(DateTimeOffset? at) => at is { } a ? a.ToLocalTime().ToString("dd/MM/yyyy HH:mm") : "—";
}
