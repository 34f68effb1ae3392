namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// One row of the accounting CSV exports: one invoice or credit-note line. Credit-note rows are negative,
/// so that a sum over a list nets invoices and their avoirs.
/// </summary>
public sealed record InvoiceLineCsvRow(
    string TenantName, string Siren, string Document, string Number, DateOnly IssueDate, DateOnly DueDate, string Period,
    int Line, string Item, string Label, decimal? Quantity, decimal? UnitPriceHt, decimal AmountHt, decimal VatRatePercent,
    decimal Vat, decimal AmountTtc, string NatureAccount)
{
    public static readonly IReadOnlyList<CsvColumn<InvoiceLineCsvRow>> Columns =
    [
        new("Collectivité", r => r.TenantName),
        new("SIREN", r => r.Siren),
        new("Pièce", r => r.Document),
        new("N° de pièce", r => r.Number),
        new("Date d'émission", r => r.IssueDate),
        new("Échéance", r => r.DueDate),
        new("Période", r => r.Period),
        new("Ligne", r => r.Line),
        new("Article", r => r.Item),
        new("Libellé", r => r.Label),
        new("Quantité", r => r.Quantity),
        new("Prix unitaire HT", r => r.UnitPriceHt),
        new("Montant HT", r => r.AmountHt),
        new("Taux TVA (%)", r => r.VatRatePercent),
        new("TVA", r => r.Vat),
        new("Montant TTC", r => r.AmountTtc),
        new("Imputation", r => r.NatureAccount),
    ];
}

/// <summary>One row of the overdue list CSV.</summary>
public sealed record OverdueCsvRow(
    string TenantName, string Siren, string Number, DateOnly IssueDate, DateOnly DueDate, int DaysLate,
    decimal TotalTtc, decimal CreditedTtc, decimal PaidTtc, decimal AmountDue)
{
    public static readonly IReadOnlyList<CsvColumn<OverdueCsvRow>> Columns =
    [
        new("Collectivité", r => r.TenantName),
        new("SIREN", r => r.Siren),
        new("N° de facture", r => r.Number),
        new("Date d'émission", r => r.IssueDate),
        new("Échéance", r => r.DueDate),
        new("Jours de retard", r => r.DaysLate),
        new("Montant TTC", r => r.TotalTtc),
        new("Avoirs", r => r.CreditedTtc),
        new("Payé", r => r.PaidTtc),
        new("Reste à payer", r => r.AmountDue),
    ];
}

/// <summary>A CSV column: its French header and the row's value (string, int, decimal, DateOnly or null).</summary>
public sealed record CsvColumn<TRow>(string Header, Func<TRow, object?> Value);

/// <summary>
/// Writes CSV files the way a French spreadsheet opens them: ';' separator, UTF-8 with BOM, decimal comma,
/// dates dd/MM/yyyy, a header row (Infrastructure/Treasury/Csv, with CsvHelper).
/// </summary>
public interface ITreasuryCsvWriter
{
    Task WriteAsync<TRow>(Stream output, IReadOnlyList<CsvColumn<TRow>> columns, IAsyncEnumerable<TRow> rows, CancellationToken cancellationToken);
}
