using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp;
using PdfSharp.Fonts;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Infrastructure.Invoicing.Pdf;

namespace SommeNumerique.Saas.Infrastructure.Tests.Invoicing;

/// <summary>
/// Renders invoices and credit notes and reads them back with poppler-utils (pdftotext, pdfinfo), as a reader
/// would: every expected string is computed here from the input document, never copied from a rendering.
/// Set SN_PDF_OUTPUT_DIR to keep the rendered files for a visual check.
/// </summary>
public sealed class InvoicePdfRendererTests
{
    private const string OutOfScope = "TVA non applicable";
    private const string Standard = "TVA 20 %";

    private readonly InvoicePdfRenderer _renderer = new();

    /// <summary>
    /// PDFsharp 6.5 renders nothing until a licence is chosen. The application has not chosen yet (see
    /// Invoicing/Pdf/README.md); this test process picks the AGPL one, which only binds software that is
    /// distributed or served to users, not a test run.
    /// </summary>
    public InvoicePdfRendererTests() => PdfSharpLicense.SetAgplLicense();

    private static readonly InvoiceParty Seller = new(
        "Syndicat mixte Somme Numérique", "200058485", "20005848500027", "FR41200058485",
        ["43 rue de la République", "80000 Amiens"], "facturation@somme-numerique.fr — 03 22 00 00 00");

    private static readonly InvoiceParty Ercourt = new(
        "Commune d'Ercourt", "218002699", "21800269900012", null,
        ["Mairie", "2 rue de l'Église", "80210 Ercourt"], "mairie.ercourt@example.fr");

    private static InvoiceDocumentLine Line(string label, decimal amountHt, decimal? quantity = null, decimal? unitPrice = null, bool vat = true) =>
        new(label, quantity, unitPrice, vat ? 0.20m : 0m, vat ? Standard : OutOfScope, amountHt);

    /// <summary>A consistent document: breakdown and totals computed from the lines, as InvoiceDocuments.From does.</summary>
    private static InvoiceDocument Document(string title, string number, IReadOnlyList<InvoiceDocumentLine> lines,
        string? creditedInvoiceNumber = null, string? reason = null)
    {
        var breakdown = lines.GroupBy(l => (l.VatRate, l.VatMention)).OrderByDescending(g => g.Key.VatRate)
            .Select(g => new InvoiceVatBreakdown(g.Key.VatRate, g.Key.VatMention, g.Sum(l => l.AmountHt),
                Math.Round(g.Sum(l => l.AmountHt) * g.Key.VatRate, 2, MidpointRounding.AwayFromZero)))
            .ToList();
        var totalHt = lines.Sum(l => l.AmountHt);
        var totalVat = breakdown.Sum(b => b.Vat);
        return new InvoiceDocument
        {
            Title = title,
            Number = number,
            IssueDate = new DateOnly(2025, 1, 15),
            DueDate = new DateOnly(2025, 2, 14),
            PeriodStart = new DateOnly(2025, 1, 1),
            PeriodEnd = new DateOnly(2025, 12, 31),
            Seller = Seller,
            Buyer = Ercourt,
            Lines = lines,
            VatBreakdown = breakdown,
            TotalHt = totalHt,
            TotalVat = totalVat,
            TotalTtc = totalHt + totalVat,
            CreditedInvoiceNumber = creditedInvoiceNumber,
            Reason = reason,
            Mentions =
            [
                "Paiement à 30 jours à réception, par virement au comptable public (Service de gestion comptable d'Amiens) ou en ligne sur le portail Somme Numérique.",
                "En cas de retard de paiement, des intérêts moratoires au taux légal sont dus (décret n° 2013-269 du 29 mars 2013), ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40 €.",
            ],
        };
    }

    private static InvoiceDocument Invoice() => Document("Facture", "FAC-2025-000123",
    [
        Line("COFFRE-FORT — 10 × coffre, tarif membre, 12 mois du 01/01/2025 au 31/12/2025", 350.00m, 10m, 35.00m),
        Line("Gratuité première année (12 mois)", -350.00m),
        Line("Frais de mise en service — 1 tranche(s) de 10", 120.00m, 1m, 120.00m),
        Line("Contribution statutaire 2025", 1234.56m, vat: false),
    ]);

    private static InvoiceDocument CreditNote() => Document("Avoir", "AV-2025-000004",
        [Line("COFFRE-FORT — 10 × coffre, du 01/07/2025 au 31/12/2025", 175.00m, 10m, 17.50m)],
        creditedInvoiceNumber: "FAC-2025-000123", reason: "Résiliation au 30/06/2025");

    /// <summary>French amount written independently of the renderer: "1 234,56 €" with plain spaces.</summary>
    private static string Euros(decimal amount) =>
        amount.ToString("#,##0.00", CultureInfo.InvariantCulture).Replace(",", " ").Replace(".", ",") + " €";

    /// <summary>A label followed, on the same printed line, by an amount.</summary>
    private static Regex Row(string label, decimal amount) => new($"{Regex.Escape(label)} +{Regex.Escape(Euros(amount))}");

    private static string Day(DateOnly date) => $"{date.Day:00}/{date.Month:00}/{date.Year}";

    [Fact]
    public void An_invoice_prints_its_identity_dates_lines_and_totals()
    {
        var invoice = Invoice();
        var pdf = _renderer.Render(invoice);
        var text = Poppler.Text(pdf, "invoice");

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Contains(invoice.Title, text);
        Assert.Contains($"N° {invoice.Number}", text);
        Assert.Contains(Seller.Name, text);
        Assert.Contains($"SIREN : {Seller.Siren}", text);
        Assert.Contains(Ercourt.Name, text);
        Assert.Contains($"SIREN : {Ercourt.Siren}", text);
        Assert.Contains($"SIRET : {Ercourt.Siret}", text);
        Assert.Contains($"Date d'émission : {Day(invoice.IssueDate)}", text);
        Assert.Contains($"Échéance : {Day(invoice.DueDate)}", text);
        Assert.Contains($"Période : du {Day(invoice.PeriodStart)} au {Day(invoice.PeriodEnd)}", text);
        foreach (var line in invoice.Lines)
            Assert.Contains(Euros(line.AmountHt), text);
        foreach (var header in new[] { "Désignation", "Qté", "P.U. HT", "TVA", "Montant HT" })
            Assert.Contains(header, text);
        Assert.Contains(OutOfScope, text);
        Assert.Matches(Row("Total HT", invoice.TotalHt), text);
        Assert.Matches(Row("Total TVA", invoice.TotalVat), text);
        Assert.Matches(Row("Total TTC", invoice.TotalTtc), text);
        Assert.Matches(Row("Net à payer", invoice.TotalTtc), text);
        Assert.Contains("Page 1 / 1", text);
    }

    [Fact]
    public void The_out_of_scope_line_says_TVA_non_applicable_on_its_own_row_and_in_the_breakdown()
    {
        var invoice = Invoice();
        var lines = Poppler.Text(_renderer.Render(invoice), "out-of-scope").Split('\n');
        var outOfScope = invoice.Lines.Single(l => l.VatMention == OutOfScope);

        var row = Assert.Single(lines, l => l.Contains(outOfScope.Label));
        Assert.Contains(OutOfScope, row);
        Assert.Contains(Euros(outOfScope.AmountHt), row);
        var breakdown = invoice.VatBreakdown.Single(b => b.Mention == OutOfScope);
        Assert.Single(lines, l => l.Contains(OutOfScope) && l.Contains(Euros(breakdown.BaseHt)) && l.Contains(Euros(breakdown.Vat)));
    }

    [Fact]
    public void Quantity_and_unit_price_are_printed_when_known_and_blank_on_rule_lines()
    {
        var invoice = Invoice();
        var lines = Poppler.Text(_renderer.Render(invoice), "quantities").Split('\n');

        var priced = invoice.Lines[0];
        var gratuity = invoice.Lines[1];
        Assert.Single(lines, l => l.Contains(Euros(priced.UnitPriceHt!.Value)) && l.Contains($" {priced.Quantity:0} "));
        var row = Assert.Single(lines, l => l.Contains(gratuity.Label));
        Assert.Equal(2, row.Split("€").Length); // the amount HT only: no unit price
    }

    [Fact]
    public void A_credit_note_names_the_credited_invoice_and_the_reason()
    {
        var avoir = CreditNote();
        var text = Poppler.Text(_renderer.Render(avoir), "credit-note");

        Assert.Contains(avoir.Title, text);
        Assert.Contains($"N° {avoir.Number}", text);
        Assert.Contains($"Avoir sur la facture N° {avoir.CreditedInvoiceNumber}", text);
        Assert.Contains($"Motif : {avoir.Reason}", text);
        Assert.Contains(Ercourt.Name, text);
        Assert.Contains($"SIREN : {Ercourt.Siren}", text);
        Assert.Contains($"Échéance : {Day(avoir.DueDate)}", text);
        Assert.Matches(Row("Total TTC", avoir.TotalTtc), text);
        Assert.DoesNotContain("Net à payer", text);
    }

    [Fact]
    public void Long_labels_wrap_within_the_designation_column()
    {
        var label = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"mot{i:00}"));
        var document = Document("Facture", "FAC-2025-000200", [Line(label, 99.99m, 1m, 99.99m)]);
        var lines = Poppler.Text(_renderer.Render(document), "wrap").Split('\n');

        var first = Array.FindIndex(lines, l => l.Contains("mot01"));
        var last = Array.FindIndex(lines, l => l.Contains("mot40"));
        Assert.True(first >= 0 && last > first, "the label is printed on several lines");
        Assert.All(Enumerable.Range(1, 40), i => Assert.Contains(lines, l => l.Contains($"mot{i:00}")));
        Assert.Contains(Euros(99.99m), lines[first]);
    }

    [Fact]
    public void Sixty_lines_continue_on_further_pages_with_the_table_header_repeated_and_numbered_pages()
    {
        var lines = Enumerable.Range(1, 60)
            .Select(i => Line($"Prestation {i:00} — assistance et maintenance des postes de travail de la mairie, {i} mois", i * 1111.11m, i, 1111.11m))
            .ToList();
        var document = Document("Facture", "FAC-2025-000321", lines);
        var pdf = _renderer.Render(document);

        var pageCount = Poppler.PageCount(pdf);
        Assert.True(pageCount >= 2, $"60 lines need 2 pages or more, got {pageCount}");
        var pages = Poppler.Text(pdf, "sixty-lines").Split('\f').Where(p => p.Trim().Length > 0).ToList();
        Assert.Equal(pageCount, pages.Count);
        for (var i = 0; i < pageCount; i++)
        {
            Assert.Contains("Désignation", pages[i]);
            Assert.Contains("Montant HT", pages[i]);
            Assert.Contains($"Page {i + 1} / {pageCount}", pages[i]);
        }
        var all = string.Join('\n', pages);
        Assert.All(lines, l => Assert.Contains(l.Label[..13], all));
        Assert.Matches(Row("Total TTC", document.TotalTtc), all);
    }

    [Fact]
    public void Mentions_longer_than_a_page_flow_onto_further_pages()
    {
        var mentions = Enumerable.Range(1, 120).Select(i => $"Mention {i:000} : conditions particulières applicables aux collectivités adhérentes.").ToList();
        var document = Document("Facture", "FAC-2025-000400", [Line("Assistance", 10m, 1m, 10m)]) with { Mentions = mentions };
        var pdf = _renderer.Render(document);

        var pageCount = Poppler.PageCount(pdf);
        Assert.True(pageCount >= 2, $"120 mentions need 2 pages or more, got {pageCount}");
        var text = Poppler.Text(pdf, "long-mentions");
        Assert.All(mentions, m => Assert.Contains(m, text));
        Assert.Contains($"Page {pageCount} / {pageCount}", text);
    }

    [Fact]
    public void Pages_are_A4_portrait()
    {
        var info = Poppler.Info(_renderer.Render(Invoice()));
        Assert.Matches(@"Page size: +59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info);
        Assert.Matches(@"Page rot: +0\b", info);
    }

    [Fact]
    public void Rendering_is_thread_safe()
    {
        var documents = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? Invoice() : CreditNote()).ToList();
        var results = new byte[documents.Count][];
        Parallel.For(0, documents.Count, i => results[i] = new InvoicePdfRenderer().Render(documents[i]));

        for (var i = 0; i < results.Length; i++)
            Assert.Contains($"N° {documents[i].Number}", Poppler.Text(results[i], $"parallel-{i}"));
    }

    [Fact]
    public void An_already_installed_embedded_font_resolver_is_accepted()
    {
        GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
        EmbeddedFontResolver.EnsureRegistered();

        Assert.IsType<EmbeddedFontResolver>(GlobalFontSettings.FontResolver);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(_renderer.Render(CreditNote()), 0, 5));
    }

    [Theory]
    [InlineData("Arial", false, false)]
    [InlineData("DejaVu Sans", true, false)]
    [InlineData("Times New Roman", true, true)]
    public void Every_family_resolves_to_the_embedded_DejaVu_Sans(string family, bool bold, bool italic)
    {
        var resolver = new EmbeddedFontResolver();
        var info = resolver.ResolveTypeface(family, bold, italic);

        Assert.NotNull(info);
        Assert.Equal(bold ? "DejaVuSans-Bold" : "DejaVuSans", info.FaceName);
        Assert.Equal(italic, info.MustSimulateItalic);
        var font = resolver.GetFont(info.FaceName);
        Assert.NotNull(font);
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, font[..4]); // TrueType signature
    }

    /// <summary>poppler-utils, as installed by CI (.ci/run); missing tools fail the test with the fix.</summary>
    private static class Poppler
    {
        private static readonly string? OutputDir = Environment.GetEnvironmentVariable("SN_PDF_OUTPUT_DIR");

        public static string Text(byte[] pdf, string name) =>
            WithFile(pdf, name, path => Run("pdftotext", "-layout", "-enc", "UTF-8", path, "-"));

        public static string Info(byte[] pdf) => WithFile(pdf, "info", path => Run("pdfinfo", path));

        public static int PageCount(byte[] pdf)
        {
            var line = Info(pdf).Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
        }

        private static string WithFile(byte[] pdf, string name, Func<string, string> read)
        {
            var path = Path.Combine(Path.GetTempPath(), $"sn-{name}-{Guid.NewGuid():N}.pdf");
            File.WriteAllBytes(path, pdf);
            try
            {
                if (!string.IsNullOrEmpty(OutputDir))
                    File.Copy(path, Path.Combine(Directory.CreateDirectory(OutputDir).FullName, $"{name}.pdf"), overwrite: true);
                return read(path);
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static string Run(string tool, params string[] arguments)
        {
            var executable = Locate(tool) ?? throw new InvalidOperationException(
                $"'{tool}' was not found on the PATH: install poppler-utils (Debian: apt-get install poppler-utils). " +
                "CI installs it (.ci/run); the PDF tests do not skip without it.");
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            try
            {
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
                {
                    process.Kill();
                    throw new TimeoutException($"{tool} did not finish within 60 s.");
                }
                if (process.ExitCode != 0)
                    throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {error.Result}");
                return output.Result;
            }
            catch (Win32Exception e)
            {
                throw new InvalidOperationException($"Could not run '{executable}' (poppler-utils): {e.Message}", e);
            }
        }

        private static string? Locate(string tool) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Append("/usr/bin")
                .Select(dir => Path.Combine(dir, tool))
                .FirstOrDefault(File.Exists);
    }
}
