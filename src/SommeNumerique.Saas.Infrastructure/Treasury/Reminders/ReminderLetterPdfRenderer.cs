using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SommeNumerique.Saas.Application.Features.Treasury;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Infrastructure.Invoicing.Pdf;

namespace SommeNumerique.Saas.Infrastructure.Treasury.Reminders;

/// <summary>
/// A one-page reminder letter on the invoice's page layout (same fonts, margins and footer): sender top left,
/// addressee where a window envelope shows it, date, subject, body, the amounts, signature.
/// </summary>
public sealed class ReminderLetterPdfRenderer : IReminderLetterRenderer
{
    private const double AddressX = 320;

    public byte[] Render(ReminderLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        EmbeddedFontResolver.EnsureRegistered();
        using var pdf = new PdfDocument();
        pdf.Info.Title = letter.Subject;
        pdf.Info.Author = letter.Seller.Name;
        var styles = new PdfStyles();
        using (var canvas = new PageCanvas(pdf, styles, letter.Subject))
        {
            canvas.NewPage();
            var s = styles;
            var y = canvas.Paragraph(letter.Seller.Name, s.Heading, s.Accent, PageCanvas.Left, PageCanvas.Top, 250) + 3;
            foreach (var line in letter.Seller.AddressLines) y = canvas.Paragraph(line, s.Body, s.Ink, PageCanvas.Left, y, 250);
            if (!string.IsNullOrWhiteSpace(letter.Seller.Contact)) canvas.Paragraph(letter.Seller.Contact, s.Body, s.Ink, PageCanvas.Left, y, 250);

            var width = PageCanvas.Right - AddressX;
            var addressY = canvas.Paragraph(letter.Buyer.Name, s.Heading, s.Ink, AddressX, 150, width) + 2;
            foreach (var line in letter.Buyer.AddressLines) addressY = canvas.Paragraph(line, s.Body, s.Ink, AddressX, addressY, width);
            addressY = canvas.Paragraph($"SIREN : {letter.Buyer.Siren}", s.Body, s.Ink, AddressX, addressY, width);

            canvas.Y = Math.Max(addressY, 240) + 10;
            canvas.Text($"Le {FrenchText.Day(letter.Date)}", s.Body, s.Ink, AddressX, canvas.Y, width, s.Left);
            canvas.Y += 30;
            canvas.Y = canvas.Paragraph(letter.Subject, s.Bold, s.Ink, PageCanvas.Left, canvas.Y, PageCanvas.Width) + 14;
            foreach (var paragraph in letter.Body)
                canvas.Y = canvas.Paragraph(paragraph, s.Body, s.Ink, PageCanvas.Left, canvas.Y, PageCanvas.Width) + 8;

            DrawAmounts(canvas, letter.Amounts);
            foreach (var paragraph in letter.Closing)
                canvas.Y = canvas.Paragraph(paragraph, s.Body, s.Ink, PageCanvas.Left, canvas.Y, PageCanvas.Width) + 8;
            canvas.Y += 20;
            canvas.Paragraph(letter.Signature, s.Bold, s.Ink, AddressX, canvas.Y, width);
        }
        PageFooter.DrawAll(pdf, styles, letter.Subject);
        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }

    private static void DrawAmounts(PageCanvas canvas, IReadOnlyList<(string Label, string Amount)> amounts)
    {
        var s = canvas.Styles;
        const double x = PageCanvas.Left + 60, labelWidth = 250, amountWidth = 120;
        var rowHeight = PageCanvas.LineHeight(s.Body) + 6;
        canvas.Y += 4;
        for (var i = 0; i < amounts.Count; i++)
        {
            var last = i == amounts.Count - 1;
            if (last) canvas.Gfx.DrawRectangle(s.Shade, new XRect(x, canvas.Y, labelWidth + amountWidth, rowHeight));
            var font = last ? s.Bold : s.Body;
            canvas.Text(amounts[i].Label, font, s.Ink, x + 6, canvas.Y + 3, labelWidth, s.Left);
            canvas.Text(amounts[i].Amount, font, s.Ink, x + labelWidth, canvas.Y + 3, amountWidth - 6, s.Right);
            canvas.Gfx.DrawLine(s.Rule, x, canvas.Y + rowHeight, x + labelWidth + amountWidth, canvas.Y + rowHeight);
            canvas.Y += rowHeight;
        }
        canvas.Y += 14;
    }
}
