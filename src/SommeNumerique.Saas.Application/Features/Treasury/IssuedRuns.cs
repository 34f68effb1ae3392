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
            ?? throw new NotFoundException("Campagne de facturation introuvable.");
        if (run.Status != BillingRunStatus.Issued)
            throw new ConflictException(run.Status switch
            {
                BillingRunStatus.Previewed => "Cette campagne n'est qu'une simulation : émettez-la avant de l'exporter.",
                BillingRunStatus.Issuing => "Cette campagne est en cours d'émission : exportez-la quand toutes ses factures sont émises.",
                _ => "Cette campagne a été abandonnée : elle n'a rien à exporter.",
            });
        return run;
    }
}
