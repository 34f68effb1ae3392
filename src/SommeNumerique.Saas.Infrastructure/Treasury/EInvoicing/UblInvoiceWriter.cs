using System.Globalization;
using System.Text;
using System.Xml;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Application.Features.Treasury.EInvoicing;

namespace SommeNumerique.Saas.Infrastructure.Treasury.EInvoicing;

/// <summary>
/// Writes an <see cref="EInvoice"/> as an OASIS UBL 2.1 Invoice (type 380) or CreditNote (type 381) following the
/// EN 16931 UBL syntax binding, elements in the order the UBL schemas impose. Every text goes through
/// <see cref="TextValues.XmlSafe"/> (characters XML does not allow, stored before the forms refused them, become spaces).
/// </summary>
public sealed class UblInvoiceWriter : IUblInvoiceWriter
{
    public const string InvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    public const string CreditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    public const string Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    public const string Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    public const string En16931 = "urn:cen.eu:en16931:2017";
    private const string Currency = "EUR";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true };

    public byte[] Write(EInvoice invoice)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            new Document(xml, invoice).Write();
        }
        return stream.ToArray();
    }

    /// <summary>One document being written.</summary>
    private sealed class Document(XmlWriter xml, EInvoice invoice)
    {
        public void Write()
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(invoice.IsCreditNote ? "CreditNote" : "Invoice", invoice.IsCreditNote ? CreditNoteNamespace : InvoiceNamespace);
            xml.WriteAttributeString("xmlns", "cac", null, Cac);
            xml.WriteAttributeString("xmlns", "cbc", null, Cbc);
            Basic("CustomizationID", En16931);
            Basic("ProfileID", invoice.ProfileId);
            Basic("ID", invoice.Number);
            Basic("IssueDate", Date(invoice.IssueDate));
            if (!invoice.IsCreditNote && invoice.DueDate is { } due) Basic("DueDate", Date(due));
            Basic(invoice.IsCreditNote ? "CreditNoteTypeCode" : "InvoiceTypeCode", invoice.IsCreditNote ? "381" : "380");
            foreach (var note in invoice.Notes) Basic("Note", note);
            Basic("DocumentCurrencyCode", Currency);
            if (invoice.BuyerReference is { } buyerReference) Basic("BuyerReference", buyerReference);
            Aggregate("InvoicePeriod", () =>
            {
                Basic("StartDate", Date(invoice.PeriodStart));
                Basic("EndDate", Date(invoice.PeriodEnd));
            });
            if (invoice.OrderReference is { } order) Aggregate("OrderReference", () => Basic("ID", order));
            if (invoice.PrecedingInvoiceNumber is { } preceding)
                Aggregate("BillingReference", () => Aggregate("InvoiceDocumentReference", () =>
                {
                    Basic("ID", preceding);
                    if (invoice.PrecedingInvoiceIssueDate is { } date) Basic("IssueDate", Date(date));
                }));
            Aggregate("AccountingSupplierParty", () => Party(invoice.Seller));
            Aggregate("AccountingCustomerParty", () => Party(invoice.Buyer));
            if (invoice.PayeeIban is { } iban) PaymentMeans(iban);
            Aggregate("PaymentTerms", () => Basic("Note", invoice.PaymentTerms));
            TaxTotal();
            Aggregate("LegalMonetaryTotal", () =>
            {
                Amount("LineExtensionAmount", invoice.LineExtensionAmount);
                Amount("TaxExclusiveAmount", invoice.LineExtensionAmount);
                Amount("TaxInclusiveAmount", invoice.TaxInclusiveAmount);
                Amount("PayableAmount", invoice.TaxInclusiveAmount);
            });
            foreach (var line in invoice.Lines) Line(line);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private void Party(EInvoiceParty party) => Aggregate("Party", () =>
        {
            if (party.Siret is { } siret) Aggregate("PartyIdentification", () => Basic("ID", siret, ("schemeID", EInvoices.SiretScheme)));
            Aggregate("PostalAddress", () =>
            {
                if (party.Street is { } street) Basic("StreetName", street);
                if (party.City is { } city) Basic("CityName", city);
                if (party.PostalCode is { } postalCode) Basic("PostalZone", postalCode);
                Aggregate("Country", () => Basic("IdentificationCode", party.CountryCode));
            });
            if (party.VatNumber is { } vat)
                Aggregate("PartyTaxScheme", () =>
                {
                    Basic("CompanyID", vat);
                    Aggregate("TaxScheme", () => Basic("ID", "VAT"));
                });
            Aggregate("PartyLegalEntity", () =>
            {
                Basic("RegistrationName", party.Name);
                if (party.LegalId is { } legalId) Basic("CompanyID", legalId, ("schemeID", party.LegalIdScheme));
            });
        });

        private void PaymentMeans(string iban) => Aggregate("PaymentMeans", () =>
        {
            Basic("PaymentMeansCode", "30"); // credit transfer
            Basic("PaymentID", invoice.Number);
            Aggregate("PayeeFinancialAccount", () =>
            {
                Basic("ID", iban);
                if (invoice.PayeeBic is { } bic) Aggregate("FinancialInstitutionBranch", () => Basic("ID", bic));
            });
        });

        private void TaxTotal() => Aggregate("TaxTotal", () =>
        {
            Amount("TaxAmount", invoice.TaxAmount);
            foreach (var subtotal in invoice.TaxSubtotals)
                Aggregate("TaxSubtotal", () =>
                {
                    Amount("TaxableAmount", subtotal.TaxableAmount);
                    Amount("TaxAmount", subtotal.TaxAmount);
                    TaxCategory("TaxCategory", subtotal.Category, withExemption: true);
                });
        });

        private void Line(EInvoiceLine line) => Aggregate(invoice.IsCreditNote ? "CreditNoteLine" : "InvoiceLine", () =>
        {
            Basic("ID", line.Id.ToString(CultureInfo.InvariantCulture));
            Basic(invoice.IsCreditNote ? "CreditedQuantity" : "InvoicedQuantity", Number(line.Quantity), ("unitCode", line.UnitCode));
            Amount("LineExtensionAmount", line.NetAmount);
            Aggregate("Item", () =>
            {
                Basic("Name", line.Name);
                TaxCategory("ClassifiedTaxCategory", line.TaxCategory, withExemption: false);
            });
            Aggregate("Price", () => Basic("PriceAmount", Number(line.Price), ("currencyID", Currency)));
        });

        /// <summary>A VAT category: no rate for category O (BR-O-05); the exemption reason on the breakdown only (BR-O-10).</summary>
        private void TaxCategory(string name, EInvoiceTaxCategory category, bool withExemption) => Aggregate(name, () =>
        {
            Basic("ID", category.Code);
            if (category.Percent is { } percent) Basic("Percent", Number(percent));
            if (withExemption && category.ExemptionReasonCode is { } code) Basic("TaxExemptionReasonCode", code);
            if (withExemption && category.ExemptionReason is { } reason) Basic("TaxExemptionReason", reason);
            Aggregate("TaxScheme", () => Basic("ID", "VAT"));
        });

        private void Aggregate(string name, Action content)
        {
            xml.WriteStartElement("cac", name, Cac);
            content();
            xml.WriteEndElement();
        }

        private void Basic(string name, string value, params (string Name, string? Value)[] attributes)
        {
            xml.WriteStartElement("cbc", name, Cbc);
            foreach (var (attribute, attributeValue) in attributes)
                if (attributeValue is not null) xml.WriteAttributeString(attribute, TextValues.XmlSafe(attributeValue));
            xml.WriteString(TextValues.XmlSafe(value));
            xml.WriteEndElement();
        }

        private void Amount(string name, decimal amount) =>
            Basic(name, amount.ToString("0.00", CultureInfo.InvariantCulture), ("currencyID", Currency));

        private static string Number(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

        private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
