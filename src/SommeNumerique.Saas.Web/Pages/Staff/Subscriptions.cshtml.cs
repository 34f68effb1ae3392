using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Web.Pages.Shared;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Staff;

/// <summary>Staff: every tenant's subscriptions, filtered; recording a subscription (existing contracts included).</summary>
public sealed class SubscriptionsModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Tenant { get; set; }
    [BindProperty(SupportsGet = true, Name = "offer")] public string? OfferFilter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty] public RecordForm Record { get; set; } = new();

    public const int PageSize = 50;

    /// <summary>The page of subscriptions shown (of <see cref="ListNavigation.Total"/>).</summary>
    public IReadOnlyList<SubscriptionView> Items { get; private set; } = [];
    public ListNavigation List { get; private set; } = null!;
    public string? Message { get; private set; }

    public sealed class RecordForm
    {
        public string? Tenant { get; set; }
        public string? OfferCode { get; set; }
        public int? Quantity { get; set; } = 1;
        public DateOnly? StartDate { get; set; }
        public bool ForMemberCommunes { get; set; }
    }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Message = done;
        await LoadList(ct);
    }

    /// <summary>In the host context only staff subscribe for a tenant (as <c>POST /api/v1/subscriptions</c>).</summary>
    [HandlerPolicy(Policies.Staff)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var tenantId = ModelState.IsValid ? await FindTenant(Record.Tenant, "Record.Tenant", ct) : null;
        if (tenantId is not null)
        {
            var created = await sender.TrySendAsync(new CreateSubscription.Command(new SubscriptionRequest
            {
                TenantId = tenantId, OfferCode = Record.OfferCode, Quantity = Record.Quantity, StartDate = Record.StartDate,
                ForMemberCommunes = Record.ForMemberCommunes,
            }), ModelState, "Record", ct);
            if (created is not null)
                return Redirect($"/Staff/Subscriptions?tenant={Uri.EscapeDataString(created.TenantName)}&done={Uri.EscapeDataString($"Abonnement enregistré pour {created.TenantName}.")}");
        }
        await LoadList(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadList(CancellationToken ct)
    {
        List = new ListNavigation(Request, PageSize, ListSubscriptions.Sorting.DefaultKey, ListSubscriptions.Sorting.DefaultDescending);
        Guid? tenantId = null;
        if (!string.IsNullOrWhiteSpace(Tenant))
        {
            tenantId = await FindTenant(Tenant, string.Empty, ct);
            if (tenantId is null) return;
        }
        Items = List.PageOf(await sender.TrySendAsync(new ListSubscriptions.Query(tenantId, OfferFilter, string.IsNullOrEmpty(Status) ? null : Status,
            List.Sort, List.Dir), ModelState, "", ct) ?? []);
        ListNavigation.ShowRefusal(ModelState, Response);
    }

    /// <summary>Exactly one tenant must match the search; otherwise say so next to the field.</summary>
    private async Task<Guid?> FindTenant(string? search, string field, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            ModelState.AddModelError(field, "Indiquez la collectivité.");
            return null;
        }
        try
        {
            var found = await sender.Send(new ListTenants.Query(null, search, null, 1, 5), ct);
            var exact = found.Items.Where(t => string.Equals(t.Name, search.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (found.Total == 1) return found.Items[0].Id;
            if (exact.Count == 1) return exact[0].Id;
            ModelState.AddModelError(field, found.Total == 0
                ? $"Aucune collectivité ne correspond à « {search} »."
                : $"{found.Total} collectivités correspondent à « {search} » : précisez (SIREN ou code INSEE).");
        }
        catch (ValidationException e)
        {
            ModelState.AddModelError(field, e.Errors.First().ErrorMessage);
        }
        return null;
    }
}
