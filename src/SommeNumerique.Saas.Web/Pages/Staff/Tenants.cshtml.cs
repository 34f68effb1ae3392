using SommeNumerique.Saas.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Web.Pages.Shared;

namespace SommeNumerique.Saas.Web.Pages.Staff;

public sealed class TenantsModel(ISender sender, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool Members { get; set; }
    public ListNavigation List { get; private set; } = null!;

    public PagedResult<ListTenants.TenantSummary>? Result { get; private set; }
    public List<string> Errors { get; } = [];

    public IEnumerable<(string Code, string Label)> Kinds =>
    [
        ("commune", TenantKind.Commune.Label()), ("epci", "EPCI (toutes formes)"),
        ("departement", TenantKind.Departement.Label()), ("etablissement-public", TenantKind.EtablissementPublic.Label()),
        ("autre", "Autres organismes (CCAS, syndicats, SIVU, SDIS…)"),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        List = new ListNavigation(Request, 50, ListTenants.Sorting.DefaultKey, ListTenants.Sorting.DefaultDescending);
        try
        {
            Result = await sender.Send(new ListTenants.Query(
                string.IsNullOrEmpty(Kind) ? null : Kind, Search, Members ? today : null, List.Page, 50, List.Sort, List.Dir), ct);
            List.Total = Result.Total;
        }
        catch (ValidationException e)
        {
            Errors.AddRange(e.Errors.Select(x => x.ErrorMessage));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
