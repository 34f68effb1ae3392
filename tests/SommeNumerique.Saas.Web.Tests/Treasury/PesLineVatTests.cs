using SommeNumerique.Saas.Application.Features.Treasury;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Web.Tests.Treasury;

public sealed class PesLineVatTests
{
    private static InvoiceLine Line(int position, decimal amountHt, decimal rate = 0.20m, VatCategory category = VatCategory.Standard) => new()
    {
        Position = position, Kind = ChargeLineKind.Service, Label = $"Ligne {position}", ItemCode = "X", OfferCode = "X",
        NatureAccount = "70688", VatCategory = category, VatRate = rate, AmountHt = amountHt,
    };

    [Fact]
    public void Line_VAT_adds_up_exactly_to_the_invoice_VAT_of_each_rate()
    {
        // 3 × 0.03 € at 20 %: each line's VAT rounds to 0.01 (0.03 in all) but the rate's VAT is round(0.09 × 0.20) = 0.02:
        // one cent taken back from the largest line (the first one when equal).
        var lines = new[] { Line(1, 0.03m), Line(2, 0.03m), Line(3, 0.03m), Line(4, 100.00m, 0m, VatCategory.OutOfScope) };
        var vat = PesLineVat.Distribute(lines);
        Assert.Equal(0.02m, vat[1] + vat[2] + vat[3]);
        Assert.Equal(0.00m, vat[1]); // first of the equal lines gets the correction
        Assert.Equal(0m, vat[4]);
        var invoice = Invoice.Draft(Guid.NewGuid(), new InvoiceBuyer("Commune", "212800000", null, null),
            new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), lines, null, DateTimeOffset.UnixEpoch);
        Assert.Equal(invoice.TotalVat, vat.Values.Sum());
    }

    [Fact]
    public void Positive_and_negative_lines_of_a_rate_are_corrected_up_to_the_rate_VAT()
    {
        // 9.24 + 40.76 (floor) = 50.00 → 10.00 of VAT; lines 1.848 → 1.85 and 8.152 → 8.15: already 10.00.
        // 5 × 0.13 − 0.05 = 0.60 → 0.12 of VAT; the lines round to 5 × 0.03 − 0.01 = 0.14:
        // two cents taken back, one from each of the two largest lines.
        var lines = new[] { Line(1, 0.13m), Line(2, 0.13m), Line(3, 0.13m), Line(4, 0.13m), Line(5, 0.13m), Line(6, -0.05m) };
        var vat = PesLineVat.Distribute(lines);
        Assert.Equal(Money.Round(lines.Sum(l => l.AmountHt) * 0.20m), vat.Values.Sum());
        Assert.Equal((0.02m, 0.02m, 0.03m, -0.01m), (vat[1], vat[2], vat[3], vat[6]));
    }

    [Theory]
    [InlineData("2.1.a", false)]
    [InlineData("2.1", false)]
    [InlineData("2.0.9", false)]
    [InlineData("2.1.b", true)]
    [InlineData("2.2", true)]
    [InlineData("4.7.1", true)]
    [InlineData("10.0", true)]
    public void Later_PES_fields_are_written_only_after_schema_2_1_a(string version, bool later) =>
        Assert.Equal(later, new PesOptions { SchemaVersion = version }.HasLaterFields);
}
