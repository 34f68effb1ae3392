using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Web.Security;

namespace SommeNumerique.Saas.Web.Pages.Staff.Tenants;

/// <summary>
/// Staff: one tenant's record — identity, dated memberships with their deliberation, populations by year with their
/// source, EPCI link history, subscriptions, invoices and balance, history (audit) — and the forms that change it.
/// </summary>
public sealed class DetailsModel(ISender sender, ICurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public GetTenant.TenantDetails? Tenant { get; private set; }
    public IReadOnlyList<SubscriptionView> Subscriptions { get; private set; } = [];
    public PagedResult<ListInvoices.Summary>? Invoices { get; private set; }
    public decimal Balance { get; private set; }
    public IReadOnlyList<GetTenantHistory.HistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<ListTenants.TenantSummary> Epcis { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IsStaff => user.IsInRole(Roles.Staff);

    [BindProperty] public UpdateTenantIdentity.Body Identity { get; set; } = new();
    [BindProperty] public JoinForm Join { get; set; } = new();
    [BindProperty] public LeaveForm Leave { get; set; } = new();
    [BindProperty] public PopulationForm Population { get; set; } = new();
    [BindProperty] public EpciForm Epci { get; set; } = new();

    public sealed class JoinForm
    {
        public DateOnly? From { get; set; }
        public string? Body { get; set; }
        public DateOnly? Date { get; set; }
        public string? Reference { get; set; }
    }

    public sealed class LeaveForm
    {
        public DateOnly? LastDay { get; set; }
        public string? Body { get; set; }
        public DateOnly? Date { get; set; }
        public string? Reference { get; set; }
    }

    public sealed class PopulationForm
    {
        public int? Year { get; set; }
        public int? Population { get; set; }
        public string? Source { get; set; }
    }

    public sealed class EpciForm
    {
        public Guid? EpciId { get; set; }
        public DateOnly? From { get; set; }
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Message = done;
        return await LoadAsync(ct, fillForms: true);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct, bool fillForms)
    {
        try
        {
            Tenant = await sender.Send(new GetTenant.Query(Id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (fillForms)
            Identity = new UpdateTenantIdentity.Body { Kind = Tenant.Kind, Name = Tenant.Name, Siret = Tenant.Siret, InseeCode = Tenant.InseeCode };
        Subscriptions = await sender.Send(new ListSubscriptions.Query(Id, null, null), ct);
        Invoices = await sender.Send(new ListInvoices.Query(TenantId: Id, PageSize: 200, Sort: "issueDate", Dir: "desc"), ct);
        Balance = Invoices.Items.Sum(i => i.AmountDue);
        History = await sender.Send(new GetTenantHistory.Query(Id), ct);
        if (Tenant.Kind == "commune")
            Epcis = (await sender.Send(new ListTenants.Query("epci", null, null, 1, ListTenants.MaxPageSize, "name"), ct)).Items;
        return Page();
    }

    private async Task<IActionResult> AfterAsync<T>(T? result, string done, CancellationToken ct) where T : class
    {
        if (result is not null) return Redirect($"/Staff/Tenants/Details?id={Id}&done={Uri.EscapeDataString(done)}");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(ct, fillForms: false);
    }

    [HandlerPolicy(Policies.Staff)]
    public async Task<IActionResult> OnPostIdentityAsync(CancellationToken ct) =>
        await AfterAsync(await sender.TrySendAsync(new UpdateTenantIdentity.Command(Id, Identity), ModelState, "Identity", ct), "Identité enregistrée.", ct);

    [HandlerPolicy(Policies.Staff)]
    public async Task<IActionResult> OnPostJoinAsync(CancellationToken ct) =>
        await AfterAsync(await sender.TrySendAsync(new RecordMembership.Command(Id, new RecordMembership.Body
        {
            From = Join.From,
            Deliberation = new DeliberationInput { Body = Join.Body, Date = Join.Date, Reference = Join.Reference },
        }), ModelState, "Join", ct), "Adhésion enregistrée.", ct);

    [HandlerPolicy(Policies.Staff)]
    public async Task<IActionResult> OnPostLeaveAsync(CancellationToken ct) =>
        await AfterAsync(await sender.TrySendAsync(new RecordMembershipEnd.Command(Id, new RecordMembershipEnd.Body
        {
            LastDay = Leave.LastDay,
            Deliberation = new DeliberationInput { Body = Leave.Body, Date = Leave.Date, Reference = Leave.Reference },
        }), ModelState, "Leave", ct), "Retrait enregistré.", ct);

    [HandlerPolicy(Policies.Staff)]
    public async Task<IActionResult> OnPostPopulationAsync(CancellationToken ct) =>
        await AfterAsync(await sender.TrySendAsync(new RecordPopulation.Command(Id, Population.Year ?? 0,
            new RecordPopulation.Body { Population = Population.Population, Source = Population.Source }), ModelState, "Population", ct),
            "Population enregistrée.", ct);

    [HandlerPolicy(Policies.Staff)]
    public async Task<IActionResult> OnPostEpciAsync(CancellationToken ct) =>
        await AfterAsync(await sender.TrySendAsync(new ChangeTenantEpci.Command(Id, new ChangeTenantEpci.Body
        {
            EpciId = Epci.EpciId, From = Epci.From, Reason = Epci.Reason,
        }), ModelState, "Epci", ct), "Rattachement enregistré.", ct);

    public static string ActionLabel(string action) => action switch
    {
        "CreateTenant" => "Création",
        "UpdateTenantIdentity" => "Identité modifiée",
        "UpdateTenantProfile" => "Profil de facturation modifié",
        "RecordMembership" => "Adhésion enregistrée",
        "RecordMembershipEnd" => "Retrait enregistré",
        "RecordPopulation" => "Population enregistrée",
        "ChangeTenantEpci" => "Changement d'EPCI",
        _ => action,
    };

    public static string KindLabel(string code) => TenantKindCodes.TryParseKind(code, out var kind) ? kind.Label() : code;
}
