using SommeNumerique.Saas.Domain.Accounting;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Domain.Tests.Invoicing;

public sealed class InvoiceTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private static InvoiceLine Line(int position, decimal amount, VatCategory vat = VatCategory.Standard, ChargeLineKind kind = ChargeLineKind.Service) => new()
    {
        Position = position, Kind = kind, Label = $"Ligne {position}", ItemCode = "COFFRE-FORT", OfferCode = "COFFRE-FORT",
        NatureAccount = "706", VatCategory = vat, VatRate = vat.Rate(), AmountHt = amount,
    };

    private static Invoice Issued(params InvoiceLine[] lines)
    {
        var invoice = Invoice.Draft(Guid.NewGuid(), Budget.Annexe, new InvoiceBuyer("Ercourt", "218002699", null, null),
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), lines, null, At);
        invoice.Issue(123, new DateOnly(2026, 1, 15));
        return invoice;
    }

    [Fact]
    public void Vat_is_computed_per_rate_on_the_rounded_lines_and_TTC_is_HT_plus_VAT()
    {
        // Three lines of 0.05 at 20 %: per line 0.01 each (0.03), per rate 0.15 × 20 % = 0.03; plus an out-of-scope line.
        var invoice = Issued(Line(1, 0.05m), Line(2, 0.05m), Line(3, 0.05m), Line(4, 100m, VatCategory.OutOfScope));
        Assert.Equal(100.15m, invoice.TotalHt);
        Assert.Equal(0.03m, invoice.TotalVat);
        Assert.Equal(100.18m, invoice.TotalTtc);
        Assert.Equal([0.20m, 0m], invoice.VatByRate().Select(v => v.Rate));
    }

    [Fact]
    public void A_number_is_given_only_at_issue_with_the_year_and_a_due_date_thirty_days_later()
    {
        var draft = Invoice.Draft(Guid.NewGuid(), Budget.Annexe, new InvoiceBuyer("Ercourt", "218002699", null, null),
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), [Line(1, 35m)], null, At);
        Assert.Null(draft.Number);
        Assert.Equal(InvoiceStatus.Draft, draft.Status);

        draft.Issue(42, new DateOnly(2026, 11, 23));
        Assert.Equal("FAC-2026-000042", draft.Number);
        Assert.Equal(new DateOnly(2026, 12, 23), draft.DueDate);
        Assert.Throws<DomainException>(() => draft.Issue(43, new DateOnly(2026, 11, 23)));
    }

    [Fact]
    public void Lines_must_be_rounded_to_the_cent_and_an_invoice_has_at_least_one()
    {
        Assert.Throws<DomainException>(() => Issued(Line(1, 0.005m)));
        Assert.Throws<DomainException>(() => Issued());
    }

    [Fact]
    public void A_credit_note_cancels_chosen_lines_once_and_the_invoice_is_cancelled_when_every_line_is()
    {
        var invoice = Issued(Line(1, 240m), Line(2, 150m, kind: ChargeLineKind.SetupFee));
        var first = invoice.DraftCreditNote([2], "Tranche en trop", [], At);
        first.Issue(1, new DateOnly(2026, 2, 1));
        invoice.ApplyCreditNote(first, []);

        Assert.Equal("AV-2026-000001", first.Number);
        Assert.Equal(InvoiceKind.CreditNote, first.Kind);
        Assert.Equal(180m, first.TotalTtc);
        Assert.Equal(2, Assert.Single(first.Lines).CreditsPosition);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        Assert.Equal(invoice.TotalTtc - 180m, invoice.AmountDue);

        var again = Assert.Throws<DomainException>(() => invoice.DraftCreditNote([2], "Encore", first.Lines, At));
        Assert.Contains("déjà annulée", again.Message);
        Assert.Throws<DomainException>(() => invoice.DraftCreditNote([7], "Ligne inconnue", first.Lines, At));
        Assert.Throws<DomainException>(() => invoice.DraftCreditNote(null, " ", first.Lines, At));

        var rest = invoice.DraftCreditNote(null, "Résiliation", first.Lines, At);
        Assert.Equal(1, Assert.Single(rest.Lines).CreditsPosition);
        rest.Issue(2, new DateOnly(2026, 2, 1));
        invoice.ApplyCreditNote(rest, first.Lines);
        Assert.Equal(InvoiceStatus.Cancelled, invoice.Status);
        Assert.Equal(0m, invoice.AmountDue);
        Assert.Throws<DomainException>(() => invoice.DraftCreditNote(null, "Encore", first.Lines.Concat(rest.Lines), At));
        Assert.Throws<DomainException>(() => rest.DraftCreditNote(null, "Avoir d'avoir", [], At));
    }

    [Fact]
    public void A_sequence_hands_out_consecutive_numbers()
    {
        var sequence = new InvoiceNumberSequence(InvoiceSeries.Invoice, 2026);
        Assert.Equal(1, sequence.Take(3));
        Assert.Equal(4, sequence.Take(1));
        Assert.Equal(4, sequence.LastNumber);
        Assert.Throws<ArgumentOutOfRangeException>(() => sequence.Take(0));
    }
}
