using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Invoicing;

public sealed record InvoiceLineView(
    int Position, string Kind, string Label, Guid? SubscriptionId, string OfferCode, string NatureAccount,
    DateOnly? FromMonth, DateOnly? ToMonth, decimal? Quantity, decimal? UnitPriceHt, string VatCategory, decimal VatRate,
    decimal AmountHt, int? CreditsPosition, bool Credited);

public sealed record VatTotalView(decimal Rate, string Mention, decimal BaseHt, decimal Vat);

/// <summary>An invoice or credit note as the API and the pages show it.</summary>
public sealed record InvoiceView(
    Guid Id, Guid TenantId, string Kind, string KindLabel, string Status, string StatusLabel, string? Number,
    DateOnly? IssueDate, DateOnly? DueDate, DateOnly PeriodStart, DateOnly PeriodEnd, string BuyerName, string BuyerSiren,
    decimal TotalHt, decimal TotalVat, decimal TotalTtc, decimal CreditedTtc, decimal PaidTtc, decimal AmountDue,
    Guid? BillingRunId, Guid? CreditedInvoiceId, string? CreditedInvoiceNumber, string? Reason, int Version,
    IReadOnlyList<InvoiceLineView> Lines, IReadOnlyList<VatTotalView> VatTotals, bool CanTakePayment)
{
    public static InvoiceView From(Invoice invoice, IReadOnlySet<int>? creditedPositions = null) => new(
        invoice.Id, invoice.TenantId, invoice.Kind.ToString(), KindLabelOf(invoice.Kind), invoice.Status.ToString(), StatusLabelOf(invoice.Status),
        invoice.Number, invoice.IssueDate, invoice.DueDate, invoice.PeriodStart, invoice.PeriodEnd, invoice.Buyer.Name, invoice.Buyer.Siren,
        invoice.TotalHt, invoice.TotalVat, invoice.TotalTtc, invoice.CreditedTtc, invoice.PaidTtc,
        invoice.Kind == InvoiceKind.Invoice ? invoice.AmountDue : 0m,
        invoice.BillingRunId, invoice.CreditedInvoiceId, invoice.CreditedInvoiceNumber, invoice.Reason, invoice.Version,
        invoice.Lines.OrderBy(l => l.Position).Select(l => new InvoiceLineView(
            l.Position, l.Kind.ToString(), l.Label, l.SubscriptionId, l.OfferCode, l.NatureAccount, l.FromMonth, l.ToMonth,
            l.Quantity, l.UnitPriceHt, l.VatCategory.ToString(), l.VatRate, l.AmountHt, l.CreditsPosition,
            creditedPositions?.Contains(l.Position) ?? false)).ToList(),
        invoice.VatByRate().Select(v => new VatTotalView(v.Rate, Domain.Catalogue.VatCategories.Mention(v.Category), v.BaseHt, v.Vat)).ToList(),
        invoice.CanTakePayment);

    public static string KindLabelOf(InvoiceKind kind) => kind == InvoiceKind.CreditNote ? "Avoir" : "Facture";

    public static string StatusLabelOf(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Draft => "Brouillon",
        InvoiceStatus.Issued => "Émise",
        InvoiceStatus.PartiallyPaid => "Partiellement payée",
        InvoiceStatus.Paid => "Payée",
        InvoiceStatus.Cancelled => "Annulée",
        _ => status.ToString(),
    };
}
