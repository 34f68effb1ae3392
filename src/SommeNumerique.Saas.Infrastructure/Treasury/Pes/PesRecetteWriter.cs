using SommeNumerique.Saas.Domain;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using SommeNumerique.Saas.Application.Features.Treasury;

namespace SommeNumerique.Saas.Infrastructure.Treasury.Pes;

/// <summary>
/// Writes a PES V2 recette flow (PES_Aller) with an <see cref="XmlWriter"/> straight to the output stream,
/// in the element order of the DGFiP XSD 2.1.a (Rev0/PES_Aller.xsd, NS_Recette/r0/*, Class_PJ.xsd). Every leaf
/// is an empty element with its value in attribute <c>V</c>; only the root is namespace-qualified.
/// Pieces and PDFs are written as they are read, and the writer flushed after each, so memory stays flat.
/// Every text goes through <see cref="TextValues.XmlSafe"/>: a character XML does not allow, stored before the forms
/// refused it, becomes a space instead of stopping the writer mid-file.
/// Elements of later schema versions are written only when <see cref="PesOptions.HasLaterFields"/> (their
/// position follows the later DGFiP trees; check it against the XSD adopted).
/// </summary>
public sealed class PesRecetteWriter : IPesRecetteWriter
{
    public const string Namespace = "http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller";
    /// <summary>TypePJ 002: facture de recette.</summary>
    private const string RecetteInvoiceAttachment = "002";
    /// <summary>PJRef Support 01: the PJ travels in the flow (PES_PJ).</summary>
    private const string AttachmentInFlow = "01";

    private static readonly XmlWriterSettings Settings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(false),
        Indent = true,
        CloseOutput = false,
    };

    public async Task WriteAsync(Stream output, PesFlow flow, CancellationToken cancellationToken)
    {
        await using var xml = XmlWriter.Create(output, Settings);
        var later = flow.Options.HasLaterFields;
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync("n", "PES_Aller", Namespace);
        await WriteEnvelopeAsync(xml, flow);
        await WriteHeaderAsync(xml, flow);

        await xml.WriteStartElementAsync(null, "PES_RecetteAller", null);
        await xml.WriteStartElementAsync(null, "EnTeteRecette", null);
        await LeafAsync(xml, "IdVer", "2");
        await LeafAsync(xml, "InfoDematerialisee", "0");
        await xml.WriteEndElementAsync();
        foreach (var bordereau in flow.Bordereaux)
        {
            await xml.WriteStartElementAsync(null, "Bordereau", null);
            await WriteBordereauBlockAsync(xml, bordereau, later);
            await foreach (var piece in flow.PiecesOf(bordereau, cancellationToken).WithCancellation(cancellationToken))
            {
                await WritePieceAsync(xml, piece, flow.Options);
                await xml.FlushAsync();
            }
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync(); // PES_RecetteAller

        await xml.WriteStartElementAsync(null, "PES_PJ", null);
        await xml.WriteStartElementAsync(null, "EnTetePES_PJ", null);
        await LeafAsync(xml, "IdVer", "1");
        await xml.WriteEndElementAsync();
        await foreach (var attachment in flow.Attachments(cancellationToken).WithCancellation(cancellationToken))
        {
            await WriteAttachmentAsync(xml, attachment);
            await xml.FlushAsync();
        }
        await xml.WriteEndElementAsync(); // PES_PJ

        await xml.WriteEndElementAsync(); // PES_Aller
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private static async Task WriteEnvelopeAsync(XmlWriter xml, PesFlow flow)
    {
        await xml.WriteStartElementAsync(null, "Enveloppe", null);
        await xml.WriteStartElementAsync(null, "Parametres", null);
        await LeafAsync(xml, "Version", "2");
        await LeafAsync(xml, "TypFic", "PESALR2");
        await LeafAsync(xml, "NomFic", flow.FileName);
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteHeaderAsync(XmlWriter xml, PesFlow flow)
    {
        var options = flow.Options;
        await xml.WriteStartElementAsync(null, "EnTetePES", null);
        await LeafAsync(xml, "DteStr", Date(flow.CreatedOn));
        await LeafAsync(xml, "IdPost", options.IdPost);
        await LeafAsync(xml, "IdColl", options.IdColl);
        await LeafAsync(xml, "CodCol", options.CodCol);
        if (!string.IsNullOrWhiteSpace(options.CodBud)) await LeafAsync(xml, "CodBud", options.CodBud);
        if (!string.IsNullOrWhiteSpace(options.LibelleColBud)) await LeafAsync(xml, "LibelleColBud", TextValues.Truncate(options.LibelleColBud, 38));
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteBordereauBlockAsync(XmlWriter xml, PesBordereau bordereau, bool later)
    {
        await xml.WriteStartElementAsync(null, "BlocBordereau", null);
        await LeafAsync(xml, "Exer", bordereau.Exercise.ToString(CultureInfo.InvariantCulture));
        await LeafAsync(xml, "IdBord", bordereau.Number.ToString(CultureInfo.InvariantCulture));
        await LeafAsync(xml, "DteBordEm", Date(bordereau.IssuedOn));
        await LeafAsync(xml, "TypBord", bordereau.Type);
        await LeafAsync(xml, "NbrPce", bordereau.PieceCount.ToString(CultureInfo.InvariantCulture));
        await LeafAsync(xml, "MtBordHt", Amount(bordereau.TotalHt));
        if (bordereau.TotalVat != 0) await LeafAsync(xml, "MtBordTVA", Amount(bordereau.TotalVat)); // 0: left out (5.3 rejects it)
        if (later) await LeafAsync(xml, "Objet", bordereau.Subject);
        await xml.WriteEndElementAsync();
    }

    private static async Task WritePieceAsync(XmlWriter xml, PesPiece piece, PesOptions options)
    {
        await xml.WriteStartElementAsync(null, "Piece", null);
        await xml.WriteStartElementAsync(null, "BlocPiece", null);
        await LeafAsync(xml, "IdPce", piece.Number.ToString(CultureInfo.InvariantCulture));
        await LeafAsync(xml, "TypPce", piece.Type);
        await LeafAsync(xml, "NatPce", piece.Nature);
        if (options.HasLaterFields) await LeafAsync(xml, "Edition", options.Edition);
        await LeafAsync(xml, "ObjPce", piece.Subject);
        // DebFact/FinFact are for the M21/M22 nomenclatures only (4.7.1: rejection elsewhere); the period of service is
        // in ObjPce and on the attached document.
        await WriteAttachmentReferenceAsync(xml, piece.Attachment);
        if (options.HasLaterFields)
        {
            await LeafAsync(xml, "NumeroFacture", piece.InvoiceNumber);
            if (piece.EngagementNumber is { } engagement) await LeafAsync(xml, "NumeroEngagement", engagement);
            if (piece.ServiceCode is { } service) await LeafAsync(xml, "CodeService", service);
        }
        await xml.WriteEndElementAsync();
        foreach (var line in piece.Lines) await WriteLineAsync(xml, line, piece.Debtor);
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteLineAsync(XmlWriter xml, PesLine line, PesTiers debtor)
    {
        await xml.WriteStartElementAsync(null, "LigneDePiece", null);
        await xml.WriteStartElementAsync(null, "BlocLignePiece", null);
        await xml.WriteStartElementAsync(null, "InfoLignePiece", null);
        await LeafAsync(xml, "IdLigne", line.Number.ToString(CultureInfo.InvariantCulture));
        await LeafAsync(xml, "ObjLignePce", line.Label);
        await LeafAsync(xml, "Nature", line.Nature);
        var vat = line.AmountVat != 0; // out of VAT scope: neither TxTva nor MtTVA (4.7.1 rejects MtTVA at 0, TxTva alone)
        if (vat) await LeafAsync(xml, "TxTva", Amount(line.VatRatePercent));
        await LeafAsync(xml, "Majo", "0");
        await LeafAsync(xml, "TvaIntraCom", "0");
        await LeafAsync(xml, "MtHT", Amount(line.AmountHt));
        if (vat) await LeafAsync(xml, "MtTVA", Amount(line.AmountVat));
        await xml.WriteEndElementAsync();
        if (line.Reduces is { } original)
        {
            await xml.WriteStartElementAsync(null, "RattachPiece", null);
            await LeafAsync(xml, "NatPceOrig", "01");
            await LeafAsync(xml, "ExerRat", original.Exercise.ToString(CultureInfo.InvariantCulture));
            await LeafAsync(xml, "IdPceOrig", original.TitreNumber.ToString(CultureInfo.InvariantCulture));
            await LeafAsync(xml, "IdLigneOrig", original.LineNumber.ToString(CultureInfo.InvariantCulture));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync(); // BlocLignePiece
        await WriteTiersAsync(xml, debtor);
        await xml.WriteEndElementAsync(); // LigneDePiece
    }

    private static async Task WriteTiersAsync(XmlWriter xml, PesTiers tiers)
    {
        await xml.WriteStartElementAsync(null, "Tiers", null);
        await xml.WriteStartElementAsync(null, "InfoTiers", null);
        await LeafAsync(xml, "IdTiers", tiers.Id);
        await LeafAsync(xml, "NatIdTiers", tiers.IdNature);
        await LeafAsync(xml, "CatTiers", tiers.Category);
        await LeafAsync(xml, "NatJur", "09");  // collectivité territoriale / EPL / EPS
        await LeafAsync(xml, "TypTiers", "01"); // débiteur principal
        await LeafAsync(xml, "Nom", tiers.Name);
        await xml.WriteEndElementAsync();
        if (tiers.Address is { } address)
        {
            await xml.WriteStartElementAsync(null, "Adresse", null);
            await LeafAsync(xml, "TypAdr", "1"); // principale
            await LeafAsync(xml, "Adr2", address.Street);
            await LeafAsync(xml, "CP", address.PostalCode);
            await LeafAsync(xml, "Ville", address.City);
            await LeafAsync(xml, "CodRes", "0"); // résident
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteAttachmentReferenceAsync(XmlWriter xml, PesAttachmentReference reference)
    {
        await xml.WriteStartElementAsync(null, "PJRef", null);
        await LeafAsync(xml, "Support", AttachmentInFlow);
        await LeafAsync(xml, "IdUnique", reference.UniqueId);
        await LeafAsync(xml, "NomPJ", reference.FileName);
        await xml.WriteEndElementAsync();
    }

    /// <summary>A PJ: the file gzip-compressed then base 64 encoded, as Class_PJ.xsd says for <c>Fichier</c>.</summary>
    private static async Task WriteAttachmentAsync(XmlWriter xml, PesAttachment attachment)
    {
        await xml.WriteStartElementAsync(null, "PJ", null);
        await xml.WriteStartElementAsync(null, "Contenu", null);
        await xml.WriteStartElementAsync(null, "Fichier", null);
        await xml.WriteAttributeStringAsync(null, "MIMEType", null, "application/pdf");
        var compressed = Gzip(attachment.Pdf);
        await xml.WriteBase64Async(compressed, 0, compressed.Length);
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await LeafAsync(xml, "IdUnique", attachment.Reference.UniqueId);
        await LeafAsync(xml, "NomPJ", attachment.Reference.FileName);
        await LeafAsync(xml, "TypePJ", RecetteInvoiceAttachment);
        await LeafAsync(xml, "Description", attachment.Description);
        await xml.WriteEndElementAsync();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(content);
        return buffer.ToArray();
    }

    private static async Task LeafAsync(XmlWriter xml, string name, string value)
    {
        await xml.WriteStartElementAsync(null, name, null);
        await xml.WriteAttributeStringAsync(null, "V", null, TextValues.XmlSafe(value));
        await xml.WriteEndElementAsync();
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
