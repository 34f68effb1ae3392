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
/// Numbered pieces keep their numbers, so later exports are identical. Numbering is an explicit step
/// (<see cref="NumberBillingRunPes"/>): the export only reads the numbers.
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

    /// <summary>Where the numbering of a run's pieces stands: the bordereaux numbered so far and the pieces still without a titre number.</summary>
    public static async Task<PesNumberingView> SummaryAsync(ISaasDbContext db, Guid runId, CancellationToken ct)
    {
        var pieces = PesFlowReader.PiecesOf(db, runId).AsNoTracking();
        var unnumbered = await pieces.CountAsync(i => i.PesTitreNumber == null, ct);
        var bordereaux = await pieces.Where(i => i.PesTitreNumber != null)
            .GroupBy(i => new { Exercise = i.PesExercise!.Value, Number = i.PesBordereauNumber!.Value, i.Kind })
            .Select(g => new { g.Key.Exercise, g.Key.Number, g.Key.Kind, Count = g.Count(), First = g.Min(i => i.PesTitreNumber!.Value), Last = g.Max(i => i.PesTitreNumber!.Value) })
            .ToListAsync(ct);
        return new PesNumberingView(runId, bordereaux.Sum(b => b.Count) + unnumbered, unnumbered,
            bordereaux.OrderBy(b => b.Exercise).ThenBy(b => b.Number)
                .Select(b => new PesBordereauNumbers(b.Exercise, b.Number,
                    b.Kind == InvoiceKind.CreditNote ? PesBordereauType.Reduction : PesBordereauType.Ordinary,
                    b.Kind == InvoiceKind.CreditNote ? "Réductions (avoirs)" : "Titres", b.Count, b.First, b.Last))
                .ToList());
    }
}

/// <summary>The PES numbers of a run: its bordereaux (with their range of titre numbers) and the pieces left to number.</summary>
public sealed record PesNumberingView(Guid RunId, int Pieces, int Unnumbered, IReadOnlyList<PesBordereauNumbers> Bordereaux)
{
    /// <summary>Every piece has its numbers: the PES flow may be downloaded.</summary>
    public bool Complete => Pieces > 0 && Unnumbered == 0;
}

/// <summary>One numbered bordereau: exercise, number, type (01 titres, 02 réductions), pieces and titre numbers.</summary>
public sealed record PesBordereauNumbers(int Exercise, int Number, string Type, string TypeLabel, int Pieces, long FirstTitre, long LastTitre);
