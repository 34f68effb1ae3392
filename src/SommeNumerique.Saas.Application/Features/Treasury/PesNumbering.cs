using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// Gives the PES numbers of the pieces of a run that have none yet (the first export, or credit notes issued
/// since): per exercise (year of issue) and kind, one bordereau number from series <c>PES-BORD</c> and one
/// titre number per piece from series <c>PES-TITRE</c>, in the order of the invoice numbers. Everything is
/// saved in one transaction; pieces are loaded page by page and the change tracker cleared between pages.
/// Numbered pieces keep their numbers, so later exports are identical.
/// </summary>
public static class PesNumbering
{
    public const string BordereauSeries = "PES-BORD";
    public const string TitreSeries = "PES-TITRE";
    private const int PageSize = 200;

    public static async Task AssignAsync(ISaasDbContext db, IQueryable<Invoice> pieces, CancellationToken ct)
    {
        var missing = pieces.Where(i => i.PesTitreNumber == null);
        var groups = await missing
            .GroupBy(i => new { i.Kind, i.NumberYear })
            .Select(g => new { g.Key.Kind, Year = g.Key.NumberYear!.Value, Count = g.Count() })
            .ToListAsync(ct);
        if (groups.Count == 0) return;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var group in groups.OrderBy(g => g.Year).ThenBy(g => g.Kind))
        {
            var bordereau = (int)(await InvoiceNumbers.SequenceAsync(db, BordereauSeries, group.Year, ct)).Take(1);
            var titre = (await InvoiceNumbers.SequenceAsync(db, TitreSeries, group.Year, ct)).Take(group.Count);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var ofGroup = missing.Where(i => i.Kind == group.Kind && i.NumberYear == group.Year).OrderBy(i => i.Number);
            while (true)
            {
                // Numbered pieces leave the query, so the next page is always the first one.
                var page = await ofGroup.Take(PageSize).ToListAsync(ct);
                if (page.Count == 0) break;
                foreach (var piece in page) piece.AssignPesNumbers(group.Year, bordereau, titre++);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        await transaction.CommitAsync(ct);
    }
}
