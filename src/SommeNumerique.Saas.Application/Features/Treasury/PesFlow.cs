namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// A PES V2 recette flow (PES_Aller) ready to be written: header, bordereaux whose pieces are read page by
/// page while they are written, and the pièces justificatives (the PDFs), rendered one at a time.
/// Nothing here holds the whole run in memory.
/// </summary>
public sealed record PesFlow(
    PesOptions Options,
    string FileName,
    DateOnly CreatedOn,
    IReadOnlyList<PesBordereau> Bordereaux,
    Func<PesBordereau, CancellationToken, IAsyncEnumerable<PesPiece>> PiecesOf,
    Func<CancellationToken, IAsyncEnumerable<PesAttachment>> Attachments);

/// <summary>PES bordereau types (TypBord): 01 ordinaire, 02 annulation/réduction.</summary>
public static class PesBordereauType
{
    public const string Ordinary = "01";
    public const string Reduction = "02";
}

/// <summary>A bordereau's header (BlocBordereau), its totals computed before its pieces are written.</summary>
public sealed record PesBordereau(int Exercise, int Number, string Type, DateOnly IssuedOn, int PieceCount, decimal TotalHt, decimal TotalVat, string Subject);

/// <summary>A titre (or a reduction of titre): BlocPiece and its lines.</summary>
public sealed record PesPiece(
    long Number,
    string Type,
    string Nature,
    string Subject,
    PesAttachmentReference Attachment,
    string InvoiceNumber,
    string? ServiceCode,
    string? EngagementNumber,
    PesTiers Debtor,
    IReadOnlyList<PesLine> Lines);

/// <summary>A line of a piece (InfoLignePiece), with the titre line it reduces for a reduction.</summary>
public sealed record PesLine(int Number, string Label, string Nature, decimal VatRatePercent, decimal AmountHt, decimal AmountVat, PesOriginalLine? Reduces);

/// <summary>RattachPiece: the titre (and its line) that a reduction reduces.</summary>
public sealed record PesOriginalLine(int Exercise, long TitreNumber, int LineNumber);

/// <summary>The debtor (Tiers): identifiers, PES categories and optional address.</summary>
public sealed record PesTiers(string Id, string IdNature, string Category, string Name, PesAddress? Address);

public sealed record PesAddress(string Street, string PostalCode, string City);

/// <summary>PJRef: how a piece points to its pièce justificative in PES_PJ.</summary>
public sealed record PesAttachmentReference(string UniqueId, string FileName);

/// <summary>A pièce justificative (PJ) with its PDF content.</summary>
public sealed record PesAttachment(PesAttachmentReference Reference, string Description, byte[] Pdf);

/// <summary>Writes a PES V2 recette flow as XML to a stream, as it is read (see <see cref="PesFlow"/>).</summary>
public interface IPesRecetteWriter
{
    Task WriteAsync(Stream output, PesFlow flow, CancellationToken cancellationToken);
}
