using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Web.Pages.Staff.Tenants;

/// <summary>Staff: create a tenant missing from the national files (CCAS, syndicat, SIVU, SDIS, établissement public).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class NewModel(ISender sender) : PageModel
{
    [BindProperty] public CreateTenant.Body Tenant { get; set; } = new() { Kind = "ccas" };
    public IReadOnlyList<ListTenants.TenantSummary> Epcis { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct) =>
        Epcis = (await sender.Send(new ListTenants.Query("epci", null, null, 1, ListTenants.MaxPageSize, "name"), ct)).Items;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var created = await sender.TrySendAsync(new CreateTenant.Command(Tenant), ModelState, "Tenant", ct);
        if (created is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/Staff/Tenants/Details?id={created.Id}&done={Uri.EscapeDataString("Collectivité créée.")}");
    }
}
