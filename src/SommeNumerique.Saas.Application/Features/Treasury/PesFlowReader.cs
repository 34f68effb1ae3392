using SommeNumerique.Saas.Domain;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// Reads the PES pieces of an issued billing run: its invoices (titres, bordereau 01) and the credit notes
/// issued against them (reductions, bordereau 02), already numbered (see <see cref="PesNumbering"/>).
/// Pieces are read without tracking, by pages in titre order, and PDFs rendered one at a time.
/// </summary>
public sealed class PesFlowReader(ISaasDbContext db, IInvoicePdfRenderer renderer, SellerOptions seller, PesOptions options)
{
    private const int PageSize = 200;

    /// <summary>The invoices of the run and the credit notes against them, issued.</summary>
    public static IQueryable<Invoice> PiecesOf(ISaasDbContext db, Guid runId) =>
        db.Invoices.Where(i => i.Status != InvoiceStatus.Draft
            && ((i.Kind == InvoiceKind.Invoice && i.BillingRunId == runId)
                || (i.Kind == InvoiceKind.CreditNote && db.Invoices.Any(o => o.Id == i.CreditedInvoiceId && o.BillingRunId == runId))));

    /// <summary>The flow of the run; its bordereaux' totals are read now, its pieces while it is written.</summary>
    public async Task<PesFlow?> ReadAsync(BillingRun run, CancellationToken ct)
    {
        var totals = new Dictionary<(int Exercise, int Number, InvoiceKind Kind), (int Count, decimal Ht, decimal Vat, DateOnly IssuedOn)>();
        var rows = PiecesOf(db, run.Id).AsNoTracking()
            .Select(i => new { Exercise = i.PesExercise!.Value, Number = i.PesBordereauNumber!.Value, i.Kind, i.TotalHt, i.TotalVat, IssueDate = i.IssueDate!.Value })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            var key = (row.Exercise, row.Number, row.Kind);
            totals.TryGetValue(key, out var sum);
            totals[key] = (sum.Count + 1, sum.Ht + row.TotalHt, sum.Vat + row.TotalVat,
                row.IssueDate > sum.IssuedOn ? row.IssueDate : sum.IssuedOn);
        }
        if (totals.Count == 0) return null;

        var bordereaux = totals.OrderBy(t => t.Key.Exercise).ThenBy(t => t.Key.Number)
            .Select(t => new PesBordereau(t.Key.Exercise, t.Key.Number,
                t.Key.Kind == InvoiceKind.CreditNote ? PesBordereauType.Reduction : PesBordereauType.Ordinary,
                t.Value.IssuedOn, t.Value.Count, t.Value.Ht, t.Value.Vat,
                TextValues.Truncate(t.Key.Kind == InvoiceKind.CreditNote
                    ? $"Réductions de titres — abonnements {seller.Name} {run.Period.Label}"
                    : $"Abonnements {seller.Name} {run.Period.Label}", 160)))
            .ToList();
        var shortId = run.Id.ToString("N")[..8];
        return new PesFlow(options, TextValues.Truncate($"PESALR2_{options.CodCol}_{run.PeriodStart.Year}_{shortId}", 100),
            bordereaux.Max(b => b.IssuedOn), bordereaux, PiecesAsync, AttachmentsAsync(bordereaux));
    }

    /// <summary>The file name offered for download.</summary>
    public static string FileNameOf(BillingRun run) => $"PES_Recette_{run.PeriodStart.Year}_{run.Id.ToString("N")[..8]}.xml";

    private async IAsyncEnumerable<PesPiece> PiecesAsync(PesBordereau bordereau, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in PagesAsync(bordereau, ct))
        {
            var kinds = await TenantKindsAsync(page, ct);
            var originals = await OriginalTitresAsync(page, ct);
            foreach (var invoice in page) yield return PieceOf(invoice, kinds[invoice.TenantId], originals, seller.Name);
        }
    }

    private Func<CancellationToken, IAsyncEnumerable<PesAttachment>> AttachmentsAsync(IReadOnlyList<PesBordereau> bordereaux) =>
        ct => Attachments(bordereaux, ct);

    private async IAsyncEnumerable<PesAttachment> Attachments(IReadOnlyList<PesBordereau> bordereaux, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var bordereau in bordereaux)
            await foreach (var page in PagesAsync(bordereau, ct))
                foreach (var invoice in page)
                    yield return new PesAttachment(ReferenceOf(invoice),
                        TextValues.Truncate($"{InvoiceView.KindLabelOf(invoice.Kind)} {invoice.Number} — {invoice.Buyer.Name}", 250),
                        renderer.Render(InvoiceDocuments.From(invoice, seller)));
    }

    /// <summary>The pieces of a bordereau, a page at a time, in titre order (keyset paging).</summary>
    private async IAsyncEnumerable<IReadOnlyList<Invoice>> PagesAsync(PesBordereau bordereau, [EnumeratorCancellation] CancellationToken ct)
    {
        var kind = bordereau.Type == PesBordereauType.Reduction ? InvoiceKind.CreditNote : InvoiceKind.Invoice;
        long after = 0;
        while (true)
        {
            var page = await db.Invoices.AsNoTracking()
                .Where(i => i.PesExercise == bordereau.Exercise && i.PesBordereauNumber == bordereau.Number && i.Kind == kind && i.PesTitreNumber > after)
                .OrderBy(i => i.PesTitreNumber).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) yield break;
            yield return page;
            after = page[^1].PesTitreNumber!.Value;
        }
    }

    private async Task<Dictionary<Guid, TenantKind>> TenantKindsAsync(IReadOnlyList<Invoice> page, CancellationToken ct)
    {
        var ids = page.Select(i => i.TenantId).Distinct().ToList();
        return await db.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Kind, ct);
    }

    private async Task<Dictionary<Guid, (int Exercise, long Titre)>> OriginalTitresAsync(IReadOnlyList<Invoice> page, CancellationToken ct)
    {
        var ids = page.Where(i => i.CreditedInvoiceId is not null).Select(i => i.CreditedInvoiceId!.Value).Distinct().ToList();
        if (ids.Count == 0) return [];
        var titres = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id) && i.PesTitreNumber != null)
            .Select(i => new { i.Id, Exercise = i.PesExercise!.Value, Titre = i.PesTitreNumber!.Value }).ToListAsync(ct);
        return titres.ToDictionary(t => t.Id, t => (t.Exercise, t.Titre));
    }

    private static PesPiece PieceOf(Invoice invoice, TenantKind kind, IReadOnlyDictionary<Guid, (int Exercise, long Titre)> originals, string sellerName)
    {
        var isReduction = invoice.Kind == InvoiceKind.CreditNote;
        (int Exercise, long Titre)? original = isReduction ? originals[invoice.CreditedInvoiceId!.Value] : null;
        var ordered = invoice.Lines.OrderBy(l => l.Position).ToList();
        var vat = InvoiceTotals.VatPerLine(ordered);
        var debtor = TiersOf(invoice.Buyer, kind);
        var lines = ordered.Select((l, i) => new PesLine(
                l.Position, TextValues.Truncate(l.Label, 160), l.NatureAccount, l.VatRate * 100, l.AmountHt, vat[i],
                original is { } o ? new PesOriginalLine(o.Exercise, o.Titre, l.CreditsPosition ?? l.Position) : null))
            .ToList();
        var years = invoice.PeriodStart.Year == invoice.PeriodEnd.Year ? $"{invoice.PeriodStart.Year}" : $"{invoice.PeriodStart.Year}-{invoice.PeriodEnd.Year}";
        var subject = isReduction
            ? $"Réduction du titre {original!.Value.Titre}/{original.Value.Exercise} — avoir {invoice.Number} sur {invoice.CreditedInvoiceNumber} : {invoice.Reason}"
            : $"Abonnements {sellerName} {years} — {invoice.Number}";
        return new PesPiece(invoice.PesTitreNumber!.Value, PesPieceType.Ordinary, isReduction ? PesPieceNature.Reduction : PesPieceNature.Operating,
            TextValues.Truncate(subject, 160), ReferenceOf(invoice), invoice.Number!,
            TextValues.Blank(invoice.Buyer.ServiceCode), TextValues.Blank(invoice.Buyer.EngagementNumber), debtor, lines);
    }

    private static PesTiers TiersOf(InvoiceBuyer buyer, TenantKind kind)
    {
        var siret = TextValues.Blank(buyer.Siret);
        var address = TextValues.Blank(buyer.Street) is { } street && TextValues.Blank(buyer.PostalCode) is { } postalCode && TextValues.Blank(buyer.City) is { } city
            ? new PesAddress(TextValues.Truncate(street, 38), TextValues.Truncate(postalCode, 5), TextValues.Truncate(city, 38))
            : null;
        return new PesTiers(siret ?? buyer.Siren, siret is null ? PesTiersIdNature.Siren : PesTiersIdNature.Siret,
            PesTiersCategory.Of(kind), TextValues.Truncate(buyer.Name, 38), address);
    }

    private static PesAttachmentReference ReferenceOf(Invoice invoice) =>
        new(new string(invoice.Number!.Where(char.IsAsciiLetterOrDigit).ToArray()), $"{invoice.Number}.pdf");


    /// <summary>Cuts a text to the XSD's maximum length (Texte38, Texte160...).</summary>
}

/// <summary>TypPce: 01 titre ordinaire (a reduction is told by its bordereau type and its nature).</summary>
public static class PesPieceType
{
    public const string Ordinary = "01";
}

/// <summary>NatPce: 01 fonctionnement, 06 annulation-réduction.</summary>
public static class PesPieceNature
{
    public const string Operating = "01";
    public const string Reduction = "06";
}

/// <summary>NatIdTiers: 01 SIRET, 02 SIREN.</summary>
public static class PesTiersIdNature
{
    public const string Siret = "01";
    public const string Siren = "02";
}

/// <summary>CatTiers of a public debtor, from the tenant's kind.</summary>
public static class PesTiersCategory
{
    public static string Of(TenantKind kind) => kind switch
    {
        TenantKind.Commune => "23",       // communes
        TenantKind.Departement => "22",   // départements
        TenantKind.EtablissementPublic => "29", // autres établissements publics (to be confirmed per body)
        _ when kind.IsEpci() => "24",     // groupements de collectivités
        _ => "29",
    };
}
