using System.Text.RegularExpressions;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Treasury.EInvoicing;

/// <summary>
/// Builds the EN 16931 model of an issued invoice or credit note from its stored, immutable content, with the
/// Chorus Pro data where EN 16931 puts them (BT-23 cadre, BT-10 code service, BT-13 engagement, buyer SIRET).
/// </summary>
public static partial class EInvoices
{
    /// <summary>Chorus Pro limits: BT-1 number and BT-44 buyer name.</summary>
    public const int MaxNumberLength = 20;
    public const int MaxNameLength = 99;

    public const string SirenScheme = "0002";
    public const string SiretScheme = "0009";

    /// <param name="creditedIssueDate">Credit notes: the issue date of the credited invoice (BT-26).</param>
    public static EInvoice From(Invoice invoice, DateOnly? creditedIssueDate, SellerOptions seller, EInvoicingOptions options)
    {
        if (invoice.Number is null || invoice.IssueDate is null || invoice.DueDate is null)
            throw new InvalidOperationException("Only issued invoices have an e-invoice.");
        if (invoice.Number.Length > MaxNumberLength)
            throw new InvalidOperationException($"Invoice number {invoice.Number} is longer than {MaxNumberLength} characters.");
        var isCreditNote = invoice.Kind == InvoiceKind.CreditNote;
        if (isCreditNote && (invoice.CreditedInvoiceNumber is null || creditedIssueDate is null))
            throw new InvalidOperationException($"Credit note {invoice.Number} has no credited invoice number or date.");
        RefuseMixedVatCategories(invoice);
        var subjectToVat = invoice.Lines.Any(l => l.VatCategory != VatCategory.OutOfScope);

        return new EInvoice
        {
            IsCreditNote = isCreditNote,
            ProfileId = TextValues.Blank(options.CadreDeFacturation) ?? "A1",
            Number = invoice.Number,
            IssueDate = invoice.IssueDate.Value,
            DueDate = isCreditNote ? null : invoice.DueDate,
            Notes = Notes(invoice, seller),
            BuyerReference = TextValues.Blank(invoice.Buyer.ServiceCode),
            OrderReference = TextValues.Blank(invoice.Buyer.EngagementNumber),
            PeriodStart = invoice.PeriodStart,
            PeriodEnd = invoice.PeriodEnd,
            PrecedingInvoiceNumber = isCreditNote ? invoice.CreditedInvoiceNumber : null,
            PrecedingInvoiceIssueDate = isCreditNote ? creditedIssueDate : null,
            Seller = Seller(seller, subjectToVat),
            Buyer = Buyer(invoice.Buyer),
            PayeeIban = Compact(options.SellerIban),
            PayeeBic = Compact(options.SellerBic),
            PaymentTerms = PaymentTerms(invoice, seller),
            TaxSubtotals = invoice.VatByRate()
                .Select(v => new EInvoiceTaxSubtotal(EInvoiceTaxCategory.Of(v.Category, v.Rate), v.BaseHt, v.Vat)).ToList(),
            LineExtensionAmount = invoice.TotalHt,
            TaxAmount = invoice.TotalVat,
            TaxInclusiveAmount = invoice.TotalTtc,
            Lines = invoice.Lines.OrderBy(l => l.Position).Select(Line).ToList(),
        };
    }

    /// <summary>
    /// EN 16931 BR-O-11/12: a document with "not subject to VAT" lines may hold no other VAT category. One invoice
    /// per tenant and period may mix them (a direct member's statutory contribution, out of scope, billed with a
    /// service at 20 %): such an invoice has no EN 16931 form.
    /// </summary>
    private static void RefuseMixedVatCategories(Invoice invoice)
    {
        var categories = invoice.Lines.Select(l => l.VatCategory).Distinct().ToList();
        if (categories.Count > 1 && categories.Contains(VatCategory.OutOfScope))
            throw new DomainException(
                $"La pièce {invoice.Number} mêle des lignes hors champ et des lignes soumises à TVA : la norme EN 16931 (règle BR-O-11) " +
                "ne permet pas d'en produire une facture électronique. Émettez les contributions hors champ sur une facture distincte.");
    }

    private static List<string> Notes(Invoice invoice, SellerOptions seller)
    {
        var period = new BillingPeriod(invoice.PeriodStart, invoice.PeriodEnd).Label;
        var first = invoice.Kind == InvoiceKind.CreditNote
            ? $"Avoir sur la facture {invoice.CreditedInvoiceNumber} - {invoice.Reason}"
            : $"Services numériques de {seller.Name} - période {period}";
        return
        [
            first,
            "#PMD#En cas de retard de paiement, intérêts moratoires au taux légal en vigueur.",
            "#PMT#Indemnité forfaitaire pour frais de recouvrement : 40 EUR.",
            "#AAB#Pas d'escompte pour paiement anticipé.",
        ];
    }

    private static string PaymentTerms(Invoice invoice, SellerOptions seller)
    {
        var terms = invoice.Kind == InvoiceKind.CreditNote
            ? $"Avoir venant en déduction de la facture {invoice.CreditedInvoiceNumber}."
            : $"Paiement à {Invoice.PaymentTermDays} jours, au plus tard le {FrenchText.Day(invoice.DueDate!.Value)}, auprès du comptable public.";
        return TextValues.Blank(seller.PaymentInstructions) is { } instructions ? $"{terms} {instructions}" : terms;
    }

    private static EInvoiceParty Seller(SellerOptions seller, bool subjectToVat)
    {
        var siren = Compact(seller.Siren)
            ?? throw new DomainException("L'identité du vendeur est incomplète pour la facture électronique : renseignez son SIREN (paramètre Seller:Siren).");
        var vat = Compact(seller.VatNumber);
        if (subjectToVat && vat is null)
            throw new DomainException("La facture comporte de la TVA : renseignez le numéro de TVA intracommunautaire du vendeur (paramètre Seller:VatNumber).");
        var (street, postalCode, city) = SellerAddress(seller);
        return new EInvoiceParty
        {
            Name = Truncate(seller.Name),
            Siret = Compact(seller.Siret),
            LegalId = siren,
            LegalIdScheme = SirenScheme,
            VatNumber = subjectToVat ? vat : null, // BR-O-02: no seller VAT identifier on a "not subject" document
            Street = street,
            PostalCode = postalCode,
            City = city,
        };
    }

    /// <summary>The structured fields when set, else the printed lines: "80000 Amiens" last, the street before it.</summary>
    private static (string? Street, string? PostalCode, string? City) SellerAddress(SellerOptions seller)
    {
        var lines = seller.AddressLines.Select(TextValues.Blank).OfType<string>().ToList();
        string? street = null, postalCode = null, city = null;
        if (lines.Count > 0 && PostalLine().Match(lines[^1]) is { Success: true } match)
        {
            postalCode = match.Groups["code"].Value;
            city = match.Groups["city"].Value;
            street = lines.Take(lines.Count - 1).LastOrDefault(l => !string.Equals(l, seller.Name?.Trim(), StringComparison.OrdinalIgnoreCase));
        }
        return (TextValues.Blank(seller.Street) ?? street, TextValues.Blank(seller.PostalCode) ?? postalCode, TextValues.Blank(seller.City) ?? city);
    }

    /// <summary>
    /// The buyer: its SIRET as identifier (BT-46, scheme 0009) and, since Chorus Pro identifies a public buyer
    /// by SIRET, as legal registration identifier too (BT-47, scheme 0009); the SIREN (scheme 0002) when no SIRET is known.
    /// </summary>
    private static EInvoiceParty Buyer(InvoiceBuyer buyer)
    {
        var siret = Compact(buyer.Siret);
        return new EInvoiceParty
        {
            Name = Truncate(buyer.Name),
            Siret = siret,
            LegalId = siret ?? Compact(buyer.Siren),
            LegalIdScheme = siret is null ? SirenScheme : SiretScheme,
            Street = TextValues.Blank(buyer.Street),
            PostalCode = TextValues.Blank(buyer.PostalCode),
            City = TextValues.Blank(buyer.City),
        };
    }

    /// <summary>
    /// The printed quantity and unit price when they give the net amount exactly; otherwise (rule lines, prorated
    /// months) one unit at the net amount, or −1 at its opposite for a negative line (the price is never negative, BR-27).
    /// </summary>
    private static EInvoiceLine Line(InvoiceLine line)
    {
        var category = EInvoiceTaxCategory.Of(line.VatCategory, line.VatRate);
        if (line.Quantity is { } quantity && line.UnitPriceHt is { } price && quantity > 0 && price >= 0 && quantity * price == line.AmountHt)
            return new EInvoiceLine(line.Position, quantity, UnitOne, line.AmountHt, line.Label, category, price);
        var sign = line.AmountHt < 0 ? -1m : 1m;
        return new EInvoiceLine(line.Position, sign, UnitOne, line.AmountHt, line.Label, category, Math.Abs(line.AmountHt));
    }

    /// <summary>UN/ECE Recommendation 20 unit "one".</summary>
    private const string UnitOne = "C62";

    private static string Truncate(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length <= MaxNameLength ? trimmed : trimmed[..MaxNameLength];
    }


    private static string? Compact(string? value) => TextValues.Blank(value)?.Replace(" ", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<code>\d{5})\s+(?<city>.+)$")]
    private static partial Regex PostalLine();
}
