using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Billing.Runs;

namespace SommeNumerique.Saas.Web.Pages.Staff.Treasury;

/// <summary>Treasury: the issued billing runs and their exports for the public accountant (PES, CSV).</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListBillingRuns.Summary> IssuedRuns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        IssuedRuns = (await sender.Send(new ListBillingRuns.Query(), ct)).Where(r => r.Status == "Issued").ToList();
}
