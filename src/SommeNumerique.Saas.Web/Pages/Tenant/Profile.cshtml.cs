using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Web.Pages.Tenant;

/// <summary>The active tenant's record and, for its administrator, its declarations (workstations, billing).</summary>
public sealed class ProfileModel(ISender sender, ITenantContext tenant, ICurrentUser user) : PageModel
{
    [BindProperty] public UpdateTenantProfile.Body Profile { get; set; } = new();
    public GetTenant.TenantDetails? Details { get; private set; }
    public bool CanEdit => Details is not null && user.IsInRole(Roles.TenantAdmin);
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (tenant.TenantId is not { } id) return Redirect("/");
        Details = await sender.Send(new GetTenant.Query(id), ct);
        Profile = new UpdateTenantProfile.Body
        {
            DeclaredWorkstations = Details.DeclaredWorkstations,
            AddressLine1 = Details.BillingAddress?.Line1, AddressLine2 = Details.BillingAddress?.Line2,
            PostalCode = Details.BillingAddress?.PostalCode, City = Details.BillingAddress?.City,
            ContactName = Details.BillingContact?.Name, ContactEmail = Details.BillingContact?.Email, ContactPhone = Details.BillingContact?.Phone,
            Siret = Details.Siret, ChorusServiceCode = Details.ChorusServiceCode, ChorusEngagementNumber = Details.ChorusEngagementNumber,
        };
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (tenant.TenantId is not { } id) return Redirect("/");
        var updated = ModelState.IsValid
            ? await sender.TrySendAsync(new UpdateTenantProfile.Command(id, Profile), ModelState, "Profile", ct)
            : null;
        if (updated is not null) return Redirect("/Tenant/Profile?saved=true");
        if (ModelState.ErrorCount == 0) ModelState.AddModelError(string.Empty, "Valeur illisible : vérifiez les nombres saisis.");
        Details = await sender.Send(new GetTenant.Query(id), ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
