using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Features.Payments;

namespace SommeNumerique.Saas.Web.Pages.Staff.Treasury;

/// <summary>
/// Treasury: the issued billing runs and their exports for the public accountant (PES, CSV), and the online
/// payments received that no invoice could take (to refund).
/// </summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListBillingRuns.Summary> IssuedRuns { get; private set; } = [];
    public IReadOnlyList<ListOnlinePaymentsToRefund.Item> ToRefund { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        IssuedRuns = (await sender.Send(new ListBillingRuns.Query(), ct)).Where(r => r.Status == "Issued").ToList();
        ToRefund = await sender.Send(new ListOnlinePaymentsToRefund.Query(), ct);
    }
}
