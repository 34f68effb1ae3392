using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.License;
using PdfSharp.Pdf;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Domain;

namespace SommeNumerique.Saas.Infrastructure.Invoicing.Pdf;

/// <summary>
/// Lays an invoice or a credit note out on A4 portrait pages with PDFsharp: seller and title block, buyer
/// block, lines table (repeated header on every page), VAT breakdown and totals, mentions, "Page x / n"
/// footers. Computes nothing: every amount comes from the <see cref="InvoiceDocument"/>.
/// Stateless, hence thread-safe: each call works on its own PDF document, graphics and fonts.
/// </summary>
/// <remarks>
/// PDFsharp 6.5 is dual-licensed (AGPL-3.0-only or commercial) and refuses to create a document until the
/// process has chosen: <c>PdfSharpLicense.SetAgplLicense()</c> or <c>PdfSharpLicense.LoadLicense(key)</c>, once
/// at start-up. This class does not make that choice for the application (see README.md beside it).
/// </remarks>
public sealed class InvoicePdfRenderer : IInvoicePdfRenderer
{
    public byte[] Render(InvoiceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        EmbeddedFontResolver.EnsureRegistered();

        using var pdf = NewDocument();
        pdf.Info.Title = $"{document.Title} N° {document.Number}";
        pdf.Info.Author = document.Seller.Name;
        pdf.Info.Subject = $"{document.Title} N° {document.Number} — {document.Buyer.Name}";
        pdf.Options.CompressContentStreams = true;

        var styles = new PdfStyles();
        using (var canvas = new PageCanvas(pdf, styles, $"{document.Title} N° {document.Number} (suite)"))
        {
            canvas.NewPage();
            HeaderBlock.Draw(canvas, document);
            LinesTable.Draw(canvas, document.Lines);
            TotalsBlock.Draw(canvas, document);
            MentionsBlock.Draw(canvas, document.Mentions);
        }
        PageFooter.DrawAll(pdf, styles, $"{document.Seller.Name} — {document.Title} N° {document.Number}");

        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }

    private static PdfDocument NewDocument()
    {
        try
        {
            return new PdfDocument();
        }
        catch (PdfSharpLicenseException e)
        {
            throw new InvalidOperationException(
                "PDFsharp 6.5 needs a licence choice before it renders anything: call PdfSharpLicense.SetAgplLicense() " +
                "(AGPL-3.0: the application must then be published under the AGPL) or PdfSharpLicense.LoadLicense(key) " +
                "(commercial licence) once at start-up. See src/SommeNumerique.Saas.Infrastructure/Invoicing/Pdf/README.md.", e);
        }
    }
}

/// <summary>
/// Printed values: the product's French formats (<see cref="FrenchText"/>: plain spaces as group separators, so
/// that the printed and the extracted (pdftotext) text are predictable), blank for missing values.
/// </summary>
internal static class FrenchFormat
{
    public static string Amount(decimal value) => FrenchText.Euros(value);

    public static string Amount(decimal? value) => value is { } v ? FrenchText.Euros(v) : "";

    public static string Quantity(decimal? value) => value is { } v ? FrenchText.Quantity(v) : "";

    public static string Date(DateOnly date) => FrenchText.Day(date);

    /// <summary>"TVA 20 %" prints as "20 %" in the lines table; any other mention ("TVA non applicable") in full.</summary>
    public static string VatCell(string mention) =>
        mention.StartsWith("TVA ", StringComparison.Ordinal) && mention.EndsWith('%') ? mention[4..] : mention;
}

/// <summary>Fonts, colours and text formats of one rendering (XFont and XStringFormat are not shared across threads).</summary>
internal sealed class PdfStyles
{
    public XFont Title { get; } = Font(20, bold: true);
    public XFont Heading { get; } = Font(11, bold: true);
    public XFont Bold { get; } = Font(8.5, bold: true);
    public XFont Body { get; } = Font(8.5);
    public XFont Label { get; } = Font(7, bold: true);
    public XFont TableHeader { get; } = Font(8, bold: true);
    public XFont Table { get; } = Font(8);
    public XFont Small { get; } = Font(7);

    public XBrush Ink { get; } = new XSolidBrush(XColor.FromArgb(0x22, 0x22, 0x22));
    public XBrush Muted { get; } = new XSolidBrush(XColor.FromArgb(0x5F, 0x66, 0x6D));
    public XBrush Accent { get; } = new XSolidBrush(XColor.FromArgb(0x1F, 0x4E, 0x79));
    public XBrush OnAccent { get; } = new XSolidBrush(XColors.White);
    public XBrush Shade { get; } = new XSolidBrush(XColor.FromArgb(0xF2, 0xF5, 0xF8));
    public XPen Rule { get; } = new(XColor.FromArgb(0xC8, 0xCE, 0xD6), 0.5);
    public XPen AccentRule { get; } = new(XColor.FromArgb(0x1F, 0x4E, 0x79), 1);

    public XStringFormat Left { get; } = Format(XStringAlignment.Near);
    public XStringFormat Right { get; } = Format(XStringAlignment.Far);
    public XStringFormat Center { get; } = Format(XStringAlignment.Center);

    private static XFont Font(double size, bool bold = false) =>
        new(EmbeddedFontResolver.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private static XStringFormat Format(XStringAlignment alignment) =>
        new() { Alignment = alignment, LineAlignment = XLineAlignment.Near };
}

/// <summary>
/// The page being written: a vertical cursor <see cref="Y"/> (top-down, in points), page breaks with a
/// continuation heading and an optional hook (the table header), and text helpers (top-aligned, word-wrapped).
/// </summary>
internal sealed class PageCanvas(PdfDocument pdf, PdfStyles styles, string continuationTitle) : IDisposable
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Left = 42.5;
    public const double Right = PageWidth - 42.5;
    public const double Top = 42.5;
    /// <summary>Lowest point of the body; the footer is below.</summary>
    public const double Bottom = PageHeight - 56;
    public const double Width = Right - Left;

    private XGraphics? _gfx;

    public PdfStyles Styles { get; } = styles;
    public double Y { get; set; }
    public XGraphics Gfx => _gfx ?? throw new InvalidOperationException("Call NewPage() before drawing.");
    /// <summary>Drawn after the continuation heading of every new page (the lines table sets its header here).</summary>
    public Action? OnNewPage { get; set; }

    public void NewPage()
    {
        _gfx?.Dispose();
        var page = pdf.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Portrait;
        _gfx = XGraphics.FromPdfPage(page);
        Y = Top;
        if (pdf.PageCount > 1)
        {
            Text(continuationTitle, Styles.Bold, Styles.Muted, Left, Y, Width, Styles.Left);
            Y += LineHeight(Styles.Bold) + 10;
            OnNewPage?.Invoke();
        }
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points fit below the cursor.</summary>
    public void EnsureSpace(double height)
    {
        if (Y + height > Bottom)
            NewPage();
    }

    public static double LineHeight(XFont font) => font.GetHeight();

    public void Text(string text, XFont font, XBrush brush, double x, double y, double width, XStringFormat format) =>
        Gfx.DrawString(text, font, brush, new XRect(x, y, width, LineHeight(font)), format);

    /// <summary>Draws <paramref name="text"/> wrapped within <paramref name="width"/>; returns the y below it.</summary>
    public double Paragraph(string text, XFont font, XBrush brush, double x, double y, double width, XStringFormat? format = null)
    {
        foreach (var line in Wrap(text, font, width))
        {
            Text(line, font, brush, x, y, width, format ?? Styles.Left);
            y += LineHeight(font);
        }
        return y;
    }

    /// <summary>Word wrapping with measured widths; a word wider than the column is cut where it overflows.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : $"{current} {word}";
                if (Fits(candidate, font, width))
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0)
                    lines.Add(current);
                current = word;
                while (!Fits(current, font, width) && current.Length > 1)
                {
                    var cut = current.Length - 1;
                    while (cut > 1 && !Fits(current[..cut], font, width))
                        cut--;
                    lines.Add(current[..cut]);
                    current = current[cut..];
                }
            }
            lines.Add(current);
        }
        return lines;
    }

    public double Measure(string text, XFont font) => Gfx.MeasureString(text, font).Width;

    private bool Fits(string text, XFont font, double width) => Measure(text, font) <= width;

    public void Dispose() => _gfx?.Dispose();
}

/// <summary>Seller identity (top left), title, number and dates (top right), buyer box and credit-note reference.</summary>
internal static class HeaderBlock
{
    private const double ColumnGap = 20;
    private const double LeftColumnWidth = 270;
    private const double RightX = PageCanvas.Left + LeftColumnWidth + ColumnGap;
    private const double RightWidth = PageCanvas.Right - RightX;

    public static void Draw(PageCanvas canvas, InvoiceDocument document)
    {
        var s = canvas.Styles;

        var left = canvas.Paragraph(document.Seller.Name, s.Heading, s.Accent, PageCanvas.Left, PageCanvas.Top, LeftColumnWidth) + 3;
        foreach (var line in Identity(document.Seller, withContact: true))
            left = canvas.Paragraph(line, s.Body, s.Ink, PageCanvas.Left, left, LeftColumnWidth);

        var right = PageCanvas.Top - 4;
        canvas.Text(document.Title, s.Title, s.Accent, RightX, right, RightWidth, s.Right);
        right += PageCanvas.LineHeight(s.Title) + 2;
        canvas.Text($"N° {document.Number}", s.Heading, s.Ink, RightX, right, RightWidth, s.Right);
        right += PageCanvas.LineHeight(s.Heading) + 4;
        foreach (var line in Dates(document))
        {
            canvas.Text(line, s.Body, s.Ink, RightX, right, RightWidth, s.Right);
            right += PageCanvas.LineHeight(s.Body);
        }

        var top = Math.Max(left, right) + 18;
        var buyerBottom = DrawBuyer(canvas, document.Buyer, top);
        var referenceBottom = DrawCreditReference(canvas, document, top);
        canvas.Y = Math.Max(buyerBottom, referenceBottom) + 20;
    }

    private static IEnumerable<string> Dates(InvoiceDocument d) =>
    [
        $"Date d'émission : {FrenchFormat.Date(d.IssueDate)}",
        $"Échéance : {FrenchFormat.Date(d.DueDate)}",
        $"Période : du {FrenchFormat.Date(d.PeriodStart)} au {FrenchFormat.Date(d.PeriodEnd)}",
    ];

    private static IEnumerable<string> Identity(InvoiceParty party, bool withContact)
    {
        foreach (var line in party.AddressLines)
            yield return line;
        if (!string.IsNullOrWhiteSpace(party.Siren))
            yield return $"SIREN : {party.Siren}";
        if (!string.IsNullOrWhiteSpace(party.Siret))
            yield return $"SIRET : {party.Siret}";
        if (!string.IsNullOrWhiteSpace(party.VatNumber))
            yield return $"N° TVA intracommunautaire : {party.VatNumber}";
        if (withContact && !string.IsNullOrWhiteSpace(party.Contact))
            yield return party.Contact;
    }

    /// <summary>Buyer in a shaded box on the right, where a window envelope shows it.</summary>
    private static double DrawBuyer(PageCanvas canvas, InvoiceParty buyer, double top)
    {
        const double padding = 8;
        var s = canvas.Styles;
        var innerWidth = RightWidth - 2 * padding;
        var lines = Identity(buyer, withContact: false).ToList();
        var height = 2 * padding + PageCanvas.LineHeight(s.Label) + 3
            + canvas.Wrap(buyer.Name, s.Heading, innerWidth).Count * PageCanvas.LineHeight(s.Heading) + 2
            + lines.Sum(l => canvas.Wrap(l, s.Body, innerWidth).Count) * PageCanvas.LineHeight(s.Body);

        canvas.Gfx.DrawRectangle(s.Rule, s.Shade, new XRect(RightX, top, RightWidth, height));
        var x = RightX + padding;
        var y = top + padding;
        canvas.Text("Facturé à", s.Label, s.Muted, x, y, innerWidth, s.Left);
        y = canvas.Paragraph(buyer.Name, s.Heading, s.Ink, x, y + PageCanvas.LineHeight(s.Label) + 3, innerWidth) + 2;
        foreach (var line in lines)
            y = canvas.Paragraph(line, s.Body, s.Ink, x, y, innerWidth);
        return top + height;
    }

    /// <summary>For a credit note: the credited invoice and the reason, left of the buyer box.</summary>
    private static double DrawCreditReference(PageCanvas canvas, InvoiceDocument document, double top)
    {
        if (document.CreditedInvoiceNumber is null && document.Reason is null)
            return top;
        var s = canvas.Styles;
        var y = top + 8;
        if (document.CreditedInvoiceNumber is not null)
            y = canvas.Paragraph($"Avoir sur la facture N° {document.CreditedInvoiceNumber}", s.Bold, s.Ink, PageCanvas.Left, y, LeftColumnWidth) + 2;
        if (!string.IsNullOrWhiteSpace(document.Reason))
            y = canvas.Paragraph($"Motif : {document.Reason}", s.Body, s.Ink, PageCanvas.Left, y, LeftColumnWidth);
        return y;
    }
}

/// <summary>Désignation | Qté | P.U. HT | TVA | Montant HT, labels wrapped, header repeated on each page.</summary>
internal sealed class LinesTable
{
    private const double Padding = 4;

    private sealed record Column(string Header, double X, double Width, XStringFormat Format);

    private readonly PageCanvas _canvas;
    private readonly Column[] _columns;

    private LinesTable(PageCanvas canvas, IReadOnlyList<InvoiceDocumentLine> lines)
    {
        _canvas = canvas;
        var s = canvas.Styles;
        double Fit(string header, IEnumerable<string> cells, double min, double max) =>
            Math.Clamp(cells.Append(header).Max(c => canvas.Measure(c, c == header ? s.TableHeader : s.Table)) + 2 * Padding, min, max);

        var quantity = Fit("Qté", lines.Select(l => FrenchFormat.Quantity(l.Quantity)), 36, 70);
        var unitPrice = Fit("P.U. HT", lines.Select(l => FrenchFormat.Amount(l.UnitPriceHt)), 66, 100);
        var vat = Fit("TVA", lines.Select(l => FrenchFormat.VatCell(l.VatMention)), 44, 92);
        var amount = Fit("Montant HT", lines.Select(l => FrenchFormat.Amount(l.AmountHt)), 72, 110);
        var label = PageCanvas.Width - quantity - unitPrice - vat - amount;

        var x = PageCanvas.Left;
        Column Next(string header, double width, XStringFormat format)
        {
            var column = new Column(header, x, width, format);
            x += width;
            return column;
        }
        _columns =
        [
            Next("Désignation", label, s.Left), Next("Qté", quantity, s.Right), Next("P.U. HT", unitPrice, s.Right),
            Next("TVA", vat, s.Center), Next("Montant HT", amount, s.Right),
        ];
    }

    public static void Draw(PageCanvas canvas, IReadOnlyList<InvoiceDocumentLine> lines)
    {
        var table = new LinesTable(canvas, lines);
        var rows = lines.Select(table.Cells).ToList();
        canvas.EnsureSpace(table.HeaderHeight + (rows.Count > 0 ? table.RowHeight(rows[0]) : 0));
        table.DrawHeader();
        canvas.OnNewPage = table.DrawHeader;
        for (var i = 0; i < rows.Count; i++)
        {
            var height = table.RowHeight(rows[i]);
            canvas.EnsureSpace(height);
            table.DrawRow(rows[i], height, shaded: i % 2 == 1);
        }
        canvas.OnNewPage = null;
        canvas.Gfx.DrawLine(canvas.Styles.AccentRule, PageCanvas.Left, canvas.Y, PageCanvas.Right, canvas.Y);
        canvas.Y += 14;
    }

    private double HeaderHeight => PageCanvas.LineHeight(_canvas.Styles.TableHeader) + 2 * Padding;

    private void DrawHeader()
    {
        var s = _canvas.Styles;
        _canvas.Gfx.DrawRectangle(s.Accent, new XRect(PageCanvas.Left, _canvas.Y, PageCanvas.Width, HeaderHeight));
        foreach (var c in _columns)
            _canvas.Text(c.Header, s.TableHeader, s.OnAccent, c.X + Padding, _canvas.Y + Padding, c.Width - 2 * Padding, c.Format);
        _canvas.Y += HeaderHeight;
    }

    /// <summary>The wrapped text of each cell, in column order.</summary>
    private IReadOnlyList<string>[] Cells(InvoiceDocumentLine line)
    {
        string[] texts =
        [
            line.Label, FrenchFormat.Quantity(line.Quantity), FrenchFormat.Amount(line.UnitPriceHt),
            FrenchFormat.VatCell(line.VatMention), FrenchFormat.Amount(line.AmountHt),
        ];
        return texts.Select((t, i) => _canvas.Wrap(t, _canvas.Styles.Table, _columns[i].Width - 2 * Padding)).ToArray();
    }

    private double RowHeight(IReadOnlyList<string>[] cells) =>
        cells.Max(c => c.Count) * PageCanvas.LineHeight(_canvas.Styles.Table) + 2 * Padding;

    private void DrawRow(IReadOnlyList<string>[] cells, double height, bool shaded)
    {
        var s = _canvas.Styles;
        if (shaded)
            _canvas.Gfx.DrawRectangle(s.Shade, new XRect(PageCanvas.Left, _canvas.Y, PageCanvas.Width, height));
        for (var i = 0; i < _columns.Length; i++)
        {
            var y = _canvas.Y + Padding;
            foreach (var text in cells[i])
            {
                _canvas.Text(text, s.Table, s.Ink, _columns[i].X + Padding, y, _columns[i].Width - 2 * Padding, _columns[i].Format);
                y += PageCanvas.LineHeight(s.Table);
            }
        }
        _canvas.Y += height;
        _canvas.Gfx.DrawLine(s.Rule, PageCanvas.Left, _canvas.Y, PageCanvas.Right, _canvas.Y);
    }
}

/// <summary>VAT breakdown per rate (left) and totals (right), kept together on one page.</summary>
internal static class TotalsBlock
{
    private const double Padding = 4;
    private const double BreakdownWidth = 260;
    private const double SummaryBoxWidthPoints = 210;
    private const double SummaryBoxLeftPoints = PageCanvas.Right - SummaryBoxWidthPoints;

    public static void Draw(PageCanvas canvas, InvoiceDocument document)
    {
        var s = canvas.Styles;
        var row = PageCanvas.LineHeight(s.Body) + 2 * Padding;
        var breakdownHeight = row * (document.VatBreakdown.Count + 1);
        var totalsHeight = row * 4 + 4;
        canvas.EnsureSpace(Math.Max(breakdownHeight, totalsHeight));

        var top = canvas.Y;
        DrawBreakdown(canvas, document.VatBreakdown, top, row);
        DrawTotals(canvas, document, top, row);
        canvas.Y = top + Math.Max(breakdownHeight, totalsHeight) + 16;
    }

    private static void DrawBreakdown(PageCanvas canvas, IReadOnlyList<InvoiceVatBreakdown> breakdown, double y, double row)
    {
        if (breakdown.Count == 0)
            return;
        var s = canvas.Styles;
        const double amountWidth = 80;
        var x = PageCanvas.Left;
        var labelWidth = BreakdownWidth - 2 * amountWidth;

        void Cells(string label, string baseHt, string vat, XFont font, XBrush brush)
        {
            canvas.Text(label, font, brush, x + Padding, y + Padding, labelWidth - 2 * Padding, s.Left);
            canvas.Text(baseHt, font, brush, x + labelWidth + Padding, y + Padding, amountWidth - 2 * Padding, s.Right);
            canvas.Text(vat, font, brush, x + labelWidth + amountWidth + Padding, y + Padding, amountWidth - 2 * Padding, s.Right);
            y += row;
            canvas.Gfx.DrawLine(s.Rule, x, y, x + BreakdownWidth, y);
        }

        canvas.Gfx.DrawRectangle(s.Shade, new XRect(x, y, BreakdownWidth, row));
        Cells("Détail de la TVA", "Base HT", "Montant TVA", s.Bold, s.Ink);
        foreach (var b in breakdown)
            Cells(b.Mention, FrenchFormat.Amount(b.BaseHt), FrenchFormat.Amount(b.Vat), s.Body, s.Ink);
    }

    private static void DrawTotals(PageCanvas canvas, InvoiceDocument document, double y, double row)
    {
        var s = canvas.Styles;
        void Line(string label, decimal amount, XFont font, XBrush brush)
        {
            canvas.Text(label, font, brush, SummaryBoxLeftPoints + Padding, y + Padding, SummaryBoxWidthPoints / 2, s.Left);
            canvas.Text(FrenchFormat.Amount(amount), font, brush, SummaryBoxLeftPoints + Padding, y + Padding, SummaryBoxWidthPoints - 2 * Padding, s.Right);
            y += row;
        }

        Line("Total HT", document.TotalHt, s.Body, s.Ink);
        Line("Total TVA", document.TotalVat, s.Body, s.Ink);
        canvas.Gfx.DrawLine(s.Rule, SummaryBoxLeftPoints, y, PageCanvas.Right, y);
        Line("Total TTC", document.TotalTtc, s.Bold, s.Ink);
        y += 4;
        canvas.Gfx.DrawRectangle(s.Accent, new XRect(SummaryBoxLeftPoints, y, SummaryBoxWidthPoints, row));
        var due = document.CreditedInvoiceNumber is null ? "Net à payer" : "Montant de l'avoir";
        Line(due, document.TotalTtc, s.Bold, s.OnAccent);
    }
}

/// <summary>
/// Legal mentions, wrapped, at the bottom of the last page (on a new page when they do not fit below the
/// totals; flowing over several pages if they are longer than a page).
/// </summary>
internal static class MentionsBlock
{
    private const double Gap = 6;

    public static void Draw(PageCanvas canvas, IReadOnlyList<string> mentions)
    {
        if (mentions.Count == 0)
            return;
        var s = canvas.Styles;
        var lineHeight = PageCanvas.LineHeight(s.Small);
        var lines = mentions.SelectMany(m => canvas.Wrap(m, s.Small, PageCanvas.Width)).ToList();
        var height = Gap + lines.Count * lineHeight;
        if (height <= PageCanvas.Bottom - PageCanvas.Top - 40)
        {
            canvas.EnsureSpace(height);
            canvas.Y = Math.Max(canvas.Y, PageCanvas.Bottom - height);
        }
        else
            canvas.EnsureSpace(Gap + lineHeight);

        canvas.Gfx.DrawLine(s.Rule, PageCanvas.Left, canvas.Y, PageCanvas.Right, canvas.Y);
        canvas.Y += Gap;
        foreach (var line in lines)
        {
            canvas.EnsureSpace(lineHeight);
            canvas.Text(line, s.Small, s.Muted, PageCanvas.Left, canvas.Y, PageCanvas.Width, s.Left);
            canvas.Y += lineHeight;
        }
    }
}

/// <summary>Second pass once every page exists: "Page x / n" and the document reference on each page.</summary>
internal static class PageFooter
{
    public static void DrawAll(PdfDocument pdf, PdfStyles styles, string reference)
    {
        var count = pdf.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = PageCanvas.Bottom + 22;
            gfx.DrawLine(styles.Rule, PageCanvas.Left, y - 6, PageCanvas.Right, y - 6);
            var half = PageCanvas.Width / 2;
            gfx.DrawString(reference, styles.Small, styles.Muted,
                new XRect(PageCanvas.Left, y, half, styles.Small.GetHeight()), styles.Left);
            gfx.DrawString($"Page {i + 1} / {count}", styles.Small, styles.Muted,
                new XRect(PageCanvas.Left + half, y, half, styles.Small.GetHeight()), styles.Right);
        }
    }
}
