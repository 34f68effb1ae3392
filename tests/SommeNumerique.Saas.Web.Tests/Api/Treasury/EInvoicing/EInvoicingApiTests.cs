using System.Net;
using System.Xml.Linq;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Treasury.EInvoicing;

/// <summary>
/// GET /api/v1/invoices/{id}/ubl on invoices and credit notes billed through the API: every document is valid
/// UBL 2.1 (XSD) and passes the EN 16931 Schematron with no failed assertion, carries the Chorus Pro data, and
/// its amounts are the invoice's to the cent.
/// </summary>
public sealed class EInvoicingApiTests(EInvoicingScenario scenario) : IClassFixture<EInvoicingScenario>
{
    [Fact]
    public async Task Every_generated_invoice_and_credit_note_is_valid_UBL_2_1()
    {
        var results = await scenario.ResultsAsync();
        Assert.Equal(3, results.Invoices.Count);
        Assert.Equal(2, results.CreditNotes.Count);
        foreach (var document in results.All)
        {
            var errors = EInvoiceValidation.XsdErrors(document.Content);
            Assert.True(errors.Count == 0, $"{document.FileName} is not valid UBL 2.1:\n{string.Join("\n", errors)}");
        }
        Assert.All(results.Invoices, d => Assert.Equal("Invoice", d.Xml.Root!.Name.LocalName));
        Assert.All(results.CreditNotes, d => Assert.Equal("CreditNote", d.Xml.Root!.Name.LocalName));
    }

    [Fact]
    public async Task Every_generated_document_passes_the_EN16931_schematron_with_no_failed_assertion()
    {
        var results = await scenario.ResultsAsync();
        foreach (var document in results.All)
        {
            var failed = results.Schematron[document.FileName];
            Assert.True(failed.Count == 0, $"{document.FileName}: {failed.Count} failed assertion(s):\n{string.Join("\n", failed)}");
        }
        // The documents cover what the rules care about: a negative line (gratuity, cap), a setup fee, a floor.
        var lines = results.All.SelectMany(d => d.Xml.Root!.Elements().Where(e => e.Name.LocalName is "InvoiceLine" or "CreditNoteLine")).ToList();
        Assert.Contains(lines, l => l.Amount("LineExtensionAmount") < 0);
        Assert.All(lines, l => Assert.True(l.Amount("Price", "PriceAmount") >= 0));
    }

    [Fact]
    public async Task The_schematron_really_runs_a_total_off_by_one_cent_is_reported_as_BR_CO_15()
    {
        var results = await scenario.ResultsAsync();
        var failed = results.Schematron[EInvoicingScenario.Corrupted];
        Assert.Contains(failed, f => f.Id == "BR-CO-15" && f.Flag == "fatal");
    }

    [Fact]
    public async Task The_XSD_really_validates_elements_in_the_wrong_order_are_rejected()
    {
        var results = await scenario.ResultsAsync();
        var xml = results.Invoices[0].Xml;
        var issueDate = xml.Root!.Element(Ubl.Cbc + "IssueDate")!;
        issueDate.Remove();
        xml.Root.Element(Ubl.Cbc + "CustomizationID")!.AddBeforeSelf(issueDate); // IssueDate before CustomizationID and ID
        var stream = new MemoryStream();
        xml.Save(stream);

        var errors = EInvoiceValidation.XsdErrors(stream.ToArray());

        Assert.Contains(errors, e => e.Contains("IssueDate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_amounts_are_the_invoices_to_the_cent_and_VAT_is_per_category()
    {
        var results = await scenario.ResultsAsync();
        foreach (var document in results.All)
        {
            var xml = document.Xml;
            var invoice = document.Invoice;
            Assert.Equal(invoice.Str("number"), xml.Value("ID"));
            Assert.Equal(invoice.Dec("totalHt"), xml.Amount("LegalMonetaryTotal", "TaxExclusiveAmount"));
            Assert.Equal(invoice.Dec("totalVat"), xml.Amount("TaxTotal", "TaxAmount"));
            Assert.Equal(invoice.Dec("totalTtc"), xml.Amount("LegalMonetaryTotal", "TaxInclusiveAmount"));
            Assert.Equal(invoice.Dec("totalTtc"), xml.Amount("LegalMonetaryTotal", "PayableAmount"));
            var lines = xml.Root!.Elements().Where(e => e.Name.LocalName is "InvoiceLine" or "CreditNoteLine").ToList();
            Assert.Equal(invoice.Lines().Count, lines.Count);
            Assert.Equal(invoice.Lines().Sum(l => l.Dec("amountHt")), lines.Sum(l => l.Amount("LineExtensionAmount")));
            // VAT of each category: on the summed base, rounded half away from zero.
            foreach (var subtotal in xml.Root.Element(Ubl.Cac + "TaxTotal")!.Elements(Ubl.Cac + "TaxSubtotal"))
            {
                var category = subtotal.Value("TaxCategory", "ID");
                var percent = subtotal.Element(Ubl.Cac + "TaxCategory")!.Element(Ubl.Cbc + "Percent") is { } p ? decimal.Parse(p.Value) : 0m;
                var linesOfCategory = lines.Where(l => l.Value("Item", "ClassifiedTaxCategory", "ID") == category).ToList();
                Assert.Equal(linesOfCategory.Sum(l => l.Amount("LineExtensionAmount")), subtotal.Amount("TaxableAmount"));
                Assert.Equal(Round(subtotal.Amount("TaxableAmount") * percent / 100m), subtotal.Amount("TaxAmount"));
            }
            Assert.Equal("EUR", xml.Value("DocumentCurrencyCode"));
            Assert.Equal("urn:cen.eu:en16931:2017", xml.Value("CustomizationID"));
            Assert.Equal("A1", xml.Value("ProfileID"));
            Assert.Equal(EInvoicingScenario.SellerIban, xml.Value("PaymentMeans", "PayeeFinancialAccount", "ID"));
        }
    }

    [Fact]
    public async Task The_Chorus_Pro_data_are_where_EN16931_puts_them_and_absent_when_unknown()
    {
        var results = await scenario.ResultsAsync();
        var abbeville = results.Invoices[0].Xml;
        Assert.Equal("380", abbeville.Value("InvoiceTypeCode"));
        Assert.Equal(EInvoicingScenario.ServiceCode, abbeville.Value("BuyerReference"));
        Assert.Equal(EInvoicingScenario.Engagement, abbeville.Value("OrderReference", "ID"));
        var buyer = abbeville.Root!.Element(Ubl.Cac + "AccountingCustomerParty")!.Element(Ubl.Cac + "Party")!;
        Assert.Equal(results.AbbevilleSiret, buyer.Value("PartyIdentification", "ID"));
        Assert.Equal("0009", buyer.Element(Ubl.Cac + "PartyIdentification")!.Element(Ubl.Cbc + "ID")!.Attribute("schemeID")!.Value);
        Assert.Equal(results.AbbevilleSiret, buyer.Value("PartyLegalEntity", "CompanyID"));
        Assert.Equal("80100", buyer.Value("PostalAddress", "PostalZone"));
        Assert.Equal("Abbeville", buyer.Value("PostalAddress", "CityName"));
        Assert.Equal("Place de l'Hôtel de Ville", buyer.Value("PostalAddress", "StreetName"));
        var seller = abbeville.Root.Element(Ubl.Cac + "AccountingSupplierParty")!.Element(Ubl.Cac + "Party")!;
        Assert.Equal(EInvoicingScenario.SellerSiren, seller.Value("PartyLegalEntity", "CompanyID"));
        Assert.Equal(EInvoicingScenario.SellerVat, seller.Value("PartyTaxScheme", "CompanyID"));
        // The scenario sets no Seller:AddressLines: the seat from the seeds (issue 12, item 7).
        Assert.Equal("43 avenue d'Italie", seller.Value("PostalAddress", "StreetName"));
        Assert.Equal("80090", seller.Value("PostalAddress", "PostalZone"));
        Assert.Equal("Amiens", seller.Value("PostalAddress", "CityName"));
        var notes = abbeville.Root.Elements(Ubl.Cbc + "Note").Select(n => n.Value).ToList();
        Assert.Contains(notes, n => n.StartsWith("#PMD#", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("#PMT#", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("#AAB#", StringComparison.Ordinal));

        var ercourt = results.Invoices[1].Xml;
        Assert.Null(ercourt.Value("BuyerReference"));
        Assert.Null(ercourt.Root!.Element(Ubl.Cac + "OrderReference"));
        var ercourtBuyer = ercourt.Root.Element(Ubl.Cac + "AccountingCustomerParty")!.Element(Ubl.Cac + "Party")!;
        Assert.Null(ercourtBuyer.Element(Ubl.Cac + "PartyIdentification"));
        var legal = ercourtBuyer.Element(Ubl.Cac + "PartyLegalEntity")!.Element(Ubl.Cbc + "CompanyID")!;
        Assert.Equal("0002", legal.Attribute("schemeID")!.Value);
        Assert.Equal(9, legal.Value.Length);
    }

    [Fact]
    public async Task A_credit_note_is_a_CreditNote_381_referring_to_the_credited_invoice()
    {
        var results = await scenario.ResultsAsync();
        var pairs = new[] { (results.CreditNotes[0], results.Invoices[0]), (results.CreditNotes[1], results.Invoices[2]) };
        foreach (var (note, invoice) in pairs)
        {
            var xml = note.Xml;
            Assert.Equal("381", xml.Value("CreditNoteTypeCode"));
            Assert.Equal(invoice.Invoice.Str("number"), xml.Value("BillingReference", "InvoiceDocumentReference", "ID"));
            Assert.Equal(invoice.Invoice.Str("issueDate"), xml.Value("BillingReference", "InvoiceDocumentReference", "IssueDate"));
            Assert.Equal(note.Invoice.Str("creditedInvoiceNumber"), invoice.Invoice.Str("number"));
            Assert.Null(xml.Value("DueDate"));
        }
        // The partial credit note holds only the setup fee line.
        var setup = results.CreditNotes[0].Xml.Root!.Elements(Ubl.Cac + "CreditNoteLine").Single();
        Assert.Equal(results.Invoices[0].Invoice.Line("SetupFee", "PACK-CYBER").Dec("amountHt"), setup.Amount("LineExtensionAmount"));
    }

    [Fact]
    public async Task A_tenant_downloads_its_own_e_invoices_only_and_staff_any()
    {
        var results = await scenario.ResultsAsync();
        var admin = await scenario.Factory.AbbevilleAdminAsync();
        var own = await admin.GetAsTenantAsync($"/api/v1/invoices/{results.Invoices[0].Invoice.Str("id")}/ubl", results.AbbevilleId);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(results.Invoices[0].Content, await own.Content.ReadAsByteArrayAsync());
        var other = await admin.GetAsTenantAsync($"/api/v1/invoices/{results.Invoices[2].Invoice.Str("id")}/ubl", results.AbbevilleId);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var treasury = await scenario.Factory.SignedInAsync(SommeNumerique.Saas.Infrastructure.Identity.DemoAccounts.TreasuryEmail);
        Assert.Equal(HttpStatusCode.OK, (await treasury.GetAsync($"/api/v1/invoices/{results.Invoices[2].Invoice.Str("id")}/ubl")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await treasury.GetAsync($"/api/v1/invoices/{Guid.NewGuid()}/ubl")).StatusCode);
    }

    [Fact]
    public async Task An_invoice_mixing_out_of_scope_and_VAT_lines_is_refused_with_a_French_422()
    {
        await scenario.ResultsAsync(); // the 2025 run first: this test bills 2024 only
        var staff = await scenario.Factory.StaffAsync();
        var epci = await scenario.Factory.TenantIdAsync("Baie de Somme");
        var january = new DateOnly(2024, 1, 1);
        await staff.SubscribeAsync(Request("COTISATION", 1, january, epci));            // out of scope
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, january, epci)); // 20 %
        var run = await staff.StartRunAsync("2024");
        await staff.IssueAsync(run.Str("id")!);
        var invoice = (await staff.InvoicesAsync(epci, "2024")).Single();
        Assert.Equal(2, invoice.Lines().Select(l => l.Str("vatCategory") ?? l.GetProperty("vatRate").ToString()).Distinct().Count());

        var problem = await (await staff.GetAsync($"/api/v1/invoices/{invoice.Str("id")}/ubl")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("mêle des lignes hors champ et des lignes soumises à TVA", problem.Str("detail"));
    }
}
