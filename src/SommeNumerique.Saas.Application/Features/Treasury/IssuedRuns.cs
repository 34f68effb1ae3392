using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain.Billing;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>The billing runs the treasury may export: issued ones (a run still issuing or abandoned is refused).</summary>
public static class IssuedRuns
{
    public static async Task<BillingRun> LoadAsync(ISaasDbContext db, Guid runId, CancellationToken ct)
    {
        var run = await db.BillingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new NotFoundException("Facturation introuvable.");
        if (run.Status != BillingRunStatus.Issued)
            throw new ConflictException(run.Status switch
            {
                BillingRunStatus.Previewed => "Cette facturation n'est qu'une simulation (non émise) : émettez-la avant de l'exporter.",
                BillingRunStatus.Issuing => "Cette facturation est en cours d'émission (non émise) : exportez-la quand toutes ses factures sont émises.",
                _ => "Cette facturation a été abandonnée (non émise) : elle n'a rien à exporter.",
            });
        return run;
    }
}
