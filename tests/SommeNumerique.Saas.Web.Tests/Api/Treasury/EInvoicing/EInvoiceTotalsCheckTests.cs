using SommeNumerique.Saas.Domain.Accounting;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Treasury.EInvoicing;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Web.Tests.Api.Treasury.EInvoicing;

/// <summary>The cent-level check of e-invoice totals, and the refusal of documents EN 16931 cannot express.</summary>
public sealed class EInvoiceTotalsCheckTests
{
    private static readonly SellerOptions Seller = new() { Siren = "200000000", VatNumber = "FR40200000000", AddressLines = ["80000 Amiens"] };

    private static InvoiceLine Line(int position, decimal amount, VatCategory category = VatCategory.Standard) => new()
    {
        Position = position, Kind = ChargeLineKind.Service, Label = $"Ligne {position}", ItemCode = "X", OfferCode = "X",
        NatureAccount = "706", VatCategory = category, VatRate = category.Rate(), AmountHt = amount,
    };

    private static Invoice Issued(params InvoiceLine[] lines)
    {
        var invoice = Invoice.Draft(Guid.NewGuid(), Budget.Annexe, new InvoiceBuyer("Commune de Test", "213400000", null, null),
            new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), lines, null, DateTimeOffset.UnixEpoch);
        invoice.Issue(1, new DateOnly(2025, 3, 1));
        return invoice;
    }

    [Fact]
    public void A_consistent_EInvoice_passes()
    {
        var invoice = Issued(Line(1, 10.03m), Line(2, 10.04m), Line(3, -0.02m)); // base 20.05 -> VAT 4.01 (4.010)
        var document = EInvoices.From(invoice, null, Seller, new EInvoicingOptions());

        EInvoiceTotalsCheck.Verify(document, invoice.TotalHt, invoice.TotalVat, invoice.TotalTtc);

        Assert.Equal(Math.Round(20.05m * 0.20m, 2, MidpointRounding.AwayFromZero), document.TaxAmount);
        Assert.Equal(-1m, document.Lines[2].Quantity);
        Assert.Equal(0.02m, document.Lines[2].Price);
    }

    [Fact]
    public void A_VAT_one_cent_off_which_the_schematron_tolerates_is_caught()
    {
        var invoice = Issued(Line(1, 1000m));
        var document = EInvoices.From(invoice, null, Seller, new EInvoicingOptions());
        var wrong = document with
        {
            TaxSubtotals = [document.TaxSubtotals[0] with { TaxAmount = 200.01m }],
            TaxAmount = 200.01m,
            TaxInclusiveAmount = 1200.01m,
        };

        var error = Assert.Throws<InvalidOperationException>(() => EInvoiceTotalsCheck.Verify(wrong, invoice.TotalHt, invoice.TotalVat, invoice.TotalTtc));

        Assert.Contains("200.01", error.Message);
    }

    [Fact]
    public void A_wrong_stored_or_written_total_throws()
    {
        var invoice = Issued(Line(1, 99.99m), Line(2, 0.01m));
        var document = EInvoices.From(invoice, null, Seller, new EInvoicingOptions());

        Assert.Throws<InvalidOperationException>(() => EInvoiceTotalsCheck.Verify(document, invoice.TotalHt, invoice.TotalVat, invoice.TotalTtc + 0.01m));
        Assert.Throws<InvalidOperationException>(() =>
            EInvoiceTotalsCheck.Verify(document with { TaxInclusiveAmount = document.TaxInclusiveAmount - 0.01m }, invoice.TotalHt, invoice.TotalVat, invoice.TotalTtc));
        Assert.Throws<InvalidOperationException>(() =>
            EInvoiceTotalsCheck.Verify(document with { Lines = [document.Lines[0] with { Price = 100m }, document.Lines[1]] }, invoice.TotalHt, invoice.TotalVat, invoice.TotalTtc));
    }

    [Fact]
    public void Out_of_scope_and_VAT_lines_on_one_document_are_refused_in_French()
    {
        var invoice = Issued(Line(1, 100m), Line(2, 50m, VatCategory.OutOfScope));

        var error = Assert.Throws<DomainException>(() => EInvoices.From(invoice, null, Seller, new EInvoicingOptions()));

        Assert.Contains("hors champ", error.Message);
    }

    [Fact]
    public void An_out_of_scope_document_has_category_O_without_rate_nor_seller_VAT_number()
    {
        var invoice = Issued(Line(1, 100m, VatCategory.OutOfScope));

        var document = EInvoices.From(invoice, null, Seller, new EInvoicingOptions());

        EInvoiceTotalsCheck.Verify(document, invoice.TotalHt, invoice.TotalVat, invoice.TotalTtc);
        var subtotal = Assert.Single(document.TaxSubtotals);
        Assert.Equal("O", subtotal.Category.Code);
        Assert.Null(subtotal.Category.Percent);
        Assert.Equal("VATEX-EU-O", subtotal.Category.ExemptionReasonCode);
        Assert.Null(document.Seller.VatNumber);
        Assert.Equal(("80000", "Amiens"), (document.Seller.PostalCode, document.Seller.City));
    }
}
