using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Invoicing;

/// <summary>Builds the printed document of an issued invoice or credit note, with the French mentions.</summary>
public static class InvoiceDocuments
{

    public static InvoiceDocument From(Invoice invoice, SellerOptions seller)
    {
        if (invoice.Number is null || invoice.IssueDate is null || invoice.DueDate is null)
            throw new InvalidOperationException("Only issued invoices are printed.");
        var mentions = new List<string>
        {
            invoice.Kind == InvoiceKind.CreditNote
                ? $"Avoir venant en déduction de la facture {invoice.CreditedInvoiceNumber}."
                : $"Paiement à {Invoice.PaymentTermDays} jours, au plus tard le {FrenchText.Day(invoice.DueDate.Value)}, auprès du comptable public (titre de recette).",
        };
        if (invoice.Lines.Any(l => l.VatCategory == VatCategory.OutOfScope))
            mentions.Add("TVA non applicable aux lignes hors champ (contributions et participations des collectivités membres).");
        if (seller.PaymentInstructions is { Length: > 0 } payment) mentions.Add(payment);
        mentions.Add("Pas d'escompte pour paiement anticipé.");

        return new InvoiceDocument
        {
            Title = InvoiceView.KindLabelOf(invoice.Kind),
            Number = invoice.Number,
            IssueDate = invoice.IssueDate.Value,
            DueDate = invoice.DueDate.Value,
            PeriodStart = invoice.PeriodStart,
            PeriodEnd = invoice.PeriodEnd,
            Seller = new InvoiceParty(seller.Name, TextValues.Blank(seller.Siren), TextValues.Blank(seller.Siret), TextValues.Blank(seller.VatNumber), seller.AddressLines, TextValues.Blank(seller.Contact)),
            Buyer = new InvoiceParty(invoice.Buyer.Name, invoice.Buyer.Siren, null, null,
                invoice.Buyer.AddressLines?.Split('\n') ?? [], invoice.Buyer.ContactEmail),
            Lines = invoice.Lines.OrderBy(l => l.Position).Select(l => new InvoiceDocumentLine(
                l.Label, l.Quantity, l.UnitPriceHt, l.VatRate, l.VatCategory.Mention(), l.AmountHt)).ToList(),
            VatBreakdown = invoice.VatByRate().Select(v => new InvoiceVatBreakdown(v.Rate, v.Category.Mention(), v.BaseHt, v.Vat)).ToList(),
            TotalHt = invoice.TotalHt,
            TotalVat = invoice.TotalVat,
            TotalTtc = invoice.TotalTtc,
            CreditedInvoiceNumber = invoice.CreditedInvoiceNumber,
            Reason = invoice.Reason,
            Mentions = mentions,
        };
    }
}
