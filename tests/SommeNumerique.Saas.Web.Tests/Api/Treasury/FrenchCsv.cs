using System.Globalization;
using System.Text;

namespace SommeNumerique.Saas.Web.Tests.Api.Treasury;

/// <summary>
/// Reads a CSV the way a French spreadsheet does: UTF-8 (BOM), ';' between fields, double quotes around
/// fields that need them, decimal comma, dates dd/MM/yyyy. Written here, apart from the product's writer.
/// </summary>
internal sealed class FrenchCsv
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private FrenchCsv(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    public static FrenchCsv Parse(byte[] bytes)
    {
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "the file starts with the UTF-8 BOM");
        var text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        var records = new List<List<string>>();
        var field = new StringBuilder();
        var record = new List<string>();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ';') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(records[0].Count, r.Count));
        return new FrenchCsv(records[0], records.Skip(1).Cast<IReadOnlyList<string>>().ToList());
    }

    public string Text(IReadOnlyList<string> row, string column) => row[Index(column)];

    public decimal Amount(IReadOnlyList<string> row, string column) =>
        decimal.Parse(Text(row, column), NumberStyles.Number, French);

    public DateOnly Date(IReadOnlyList<string> row, string column) =>
        DateOnly.ParseExact(Text(row, column), "dd/MM/yyyy", CultureInfo.InvariantCulture);

    public decimal Sum(string column) => Rows.Sum(r => Amount(r, column));

    private int Index(string column)
    {
        var index = Header.ToList().IndexOf(column);
        Assert.True(index >= 0, $"column « {column} » in {string.Join(" ; ", Header)}");
        return index;
    }
}
