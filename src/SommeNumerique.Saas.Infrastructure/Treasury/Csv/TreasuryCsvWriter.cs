using System.Globalization;
using System.Text;
using CsvHelper;
using SommeNumerique.Saas.Application.Features.Treasury;

namespace SommeNumerique.Saas.Infrastructure.Treasury.Csv;

/// <summary>
/// CSV as a French spreadsheet opens it (Excel, LibreOffice in French): ';' separator, UTF-8 with BOM (so that
/// accents survive a double-click), decimal comma with at least two decimals, dates dd/MM/yyyy, CRLF line ends. Rows are
/// written as they come: memory stays flat whatever the export's size. A text cell that a spreadsheet would run as a
/// formula (starting with = + - @, a tab or a carriage return) gets a leading quote, as OWASP advises against CSV
/// injection; numbers, dates and amounts are not text cells, so a negative amount stays a number.
/// </summary>
public sealed class TreasuryCsvWriter : ITreasuryCsvWriter
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public async Task WriteAsync<TRow>(Stream output, IReadOnlyList<CsvColumn<TRow>> columns, IAsyncEnumerable<TRow> rows,
        CancellationToken cancellationToken)
    {
        var options = new CsvWriterOptions { Separator = ';', NewLine = "\r\n", Injection = CsvInjection.None };
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using var csv = CsvWriter.Create(text, options, true);
        csv.WriteHeader(columns.Select(c => c.Header).ToArray());
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var column in columns) csv.WriteField(Format(column.Value(row)));
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
        await text.FlushAsync(cancellationToken);
    }

    /// <summary>The French spreadsheet form of a value: "1234,50", "15/01/2026", "" for none.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.00##", French),
        DateOnly day => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => EscapeFormula(s),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Characters that make a spreadsheet read a text cell as a formula (OWASP, CSV injection).</summary>
    private static readonly System.Buffers.SearchValues<char> FormulaStarts = System.Buffers.SearchValues.Create("=+-@\t\r");

    /// <summary>A text cell as a spreadsheet must show it: prefixed with <c>'</c> when it would start a formula.</summary>
    public static string EscapeFormula(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;
}
