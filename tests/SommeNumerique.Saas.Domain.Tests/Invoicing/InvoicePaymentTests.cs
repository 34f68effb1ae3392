using SommeNumerique.Saas.Domain.Accounting;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Payments;

namespace SommeNumerique.Saas.Domain.Tests.Invoicing;

/// <summary>Payments against an invoice (mandats and online payments), and the VAT shown per line.</summary>
public sealed class InvoicePaymentTests
{
    private static readonly DateTimeOffset At = new(2026, 2, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly IssueDay = new(2026, 1, 15);

    private static InvoiceLine Line(int position, decimal amount, VatCategory vat = VatCategory.Standard) => new()
    {
        Position = position, Kind = ChargeLineKind.Service, Label = $"Ligne {position}", ItemCode = "PACK-CYBER", OfferCode = "PACK-CYBER",
        NatureAccount = "706", VatCategory = vat, VatRate = vat.Rate(), AmountHt = amount,
    };

    private static Invoice Issued(params InvoiceLine[] lines)
    {
        var invoice = Invoice.Draft(Guid.NewGuid(), Budget.Annexe, new InvoiceBuyer("Ercourt", "218002699", null, null),
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), lines, null, At);
        invoice.Issue(7, IssueDay);
        return invoice;
    }

    [Fact]
    public void A_partial_mandat_leaves_the_rest_due_and_the_second_one_pays_the_invoice()
    {
        var invoice = Issued(Line(1, 100m)); // 120.00 TTC
        var first = invoice.RecordPayment(PaymentMethod.Mandat, 50m, new DateOnly(2026, 2, 1), "Mandat 2026-0042", "tresorerie", At, []);

        Assert.Equal(InvoiceStatus.PartiallyPaid, invoice.Status);
        Assert.Equal(70m, invoice.AmountDue);
        Assert.Equal(invoice.Id, first.InvoiceId);
        Assert.Equal(invoice.TenantId, first.TenantId);

        invoice.RecordPayment(PaymentMethod.Mandat, 70m, new DateOnly(2026, 2, 10), "Mandat 2026-0050", "tresorerie", At, []);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(0m, invoice.AmountDue);
        Assert.Equal(120m, invoice.PaidTtc);
    }

    [Fact]
    public void A_mandat_is_recorded_once_per_invoice_whatever_the_case_and_blanks_of_its_reference()
    {
        var invoice = Issued(Line(1, 100m)); // 120.00 TTC
        var first = invoice.RecordPayment(PaymentMethod.Mandat, 50m, IssueDay, "Mandat 2026-0042", "tresorerie", At, []);

        var twice = Assert.Throws<FieldRuleException>(() =>
            invoice.RecordPayment(PaymentMethod.Mandat, 50m, IssueDay, " mandat 2026-0042 ", "tresorerie", At, [first]));
        Assert.Equal("reference", twice.Field);
        Assert.Contains("déjà enregistré", twice.Message);
        Assert.Equal(70m, invoice.AmountDue);

        // Another invoice may carry the same reference (one mandat paying several titres).
        var other = Issued(Line(1, 100m));
        other.RecordPayment(PaymentMethod.Mandat, 50m, IssueDay, "Mandat 2026-0042", "tresorerie", At, [first]);
        Assert.Equal(70m, other.AmountDue);
    }

    [Theory]
    [InlineData(120.01, "dépasse le reste à payer")]
    [InlineData(0, "positif")]
    [InlineData(-5, "positif")]
    [InlineData(10.005, "centime")]
    public void A_payment_that_does_not_fit_is_refused_and_changes_nothing(decimal amount, string expected)
    {
        var invoice = Issued(Line(1, 100m));
        var error = Assert.Throws<DomainException>(() =>
            invoice.RecordPayment(PaymentMethod.Mandat, amount, new DateOnly(2026, 2, 1), "M-1", "tresorerie", At, []));
        Assert.Contains(expected, error.Message);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        Assert.Equal(0m, invoice.PaidTtc);
    }

    [Fact]
    public void A_payment_dated_before_the_invoice_or_on_a_credit_note_or_a_cancelled_invoice_is_refused()
    {
        var invoice = Issued(Line(1, 100m));
        Assert.Throws<DomainException>(() => invoice.RecordPayment(PaymentMethod.Mandat, 10m, IssueDay.AddDays(-1), "M-1", "t", At, []));
        Assert.Throws<DomainException>(() => invoice.RecordPayment(PaymentMethod.Mandat, 10m, IssueDay, " ", "t", At, []));

        var note = invoice.DraftCreditNote(null, "Erreur de quantité", [], At);
        note.Issue(1, IssueDay);
        invoice.ApplyCreditNote(note, []);
        Assert.Equal(InvoiceStatus.Cancelled, invoice.Status);
        Assert.Throws<DomainException>(() => invoice.RecordPayment(PaymentMethod.Mandat, 10m, IssueDay, "M-1", "t", At, []));
        Assert.Throws<DomainException>(() => note.RecordPayment(PaymentMethod.Mandat, 10m, IssueDay, "M-1", "t", At, []));
    }

    [Fact]
    public void A_reversed_payment_makes_the_amount_due_again_once()
    {
        var invoice = Issued(Line(1, 100m));
        var payment = invoice.RecordPayment(PaymentMethod.Card, 120m, IssueDay, "pi_123", "stripe", At, []);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);

        invoice.ReversePayment(payment, "Remboursé", At);
        invoice.ReversePayment(payment, "Remboursé", At); // a second notice changes nothing
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        Assert.Equal(120m, invoice.AmountDue);
        Assert.NotNull(payment.ReversedAt);
    }

    [Fact]
    public void A_payment_whose_dispute_was_won_is_restored_once_and_only_if_the_invoice_can_still_take_it()
    {
        var invoice = Issued(Line(1, 100m)); // 120.00 TTC
        var payment = invoice.RecordPayment(PaymentMethod.Card, 120m, IssueDay, "pi_123", "stripe", At, []);
        Assert.False(invoice.RestorePayment(payment)); // not reversed: nothing to restore
        invoice.ReversePayment(payment, "Contesté", At);

        Assert.True(invoice.RestorePayment(payment));
        Assert.False(invoice.RestorePayment(payment));
        Assert.Equal((InvoiceStatus.Paid, 0m, 120m), (invoice.Status, invoice.AmountDue, invoice.PaidTtc));
        Assert.Null(payment.ReversedAt);

        // Paid by mandat while the dispute ran: the card money cannot be taken again (it is to refund).
        var other = Issued(Line(1, 100m));
        var card = other.RecordPayment(PaymentMethod.Card, 120m, IssueDay, "pi_456", "stripe", At, []);
        other.ReversePayment(card, "Contesté", At);
        other.RecordPayment(PaymentMethod.Mandat, 120m, IssueDay, "Mandat 9", "t", At, [card]);
        Assert.False(other.RestorePayment(card));
        Assert.Equal((0m, 120m), (other.AmountDue, other.PaidTtc));
        Assert.NotNull(card.ReversedAt);
    }

    [Fact]
    public void A_partial_credit_note_on_a_partly_paid_invoice_can_leave_it_paid()
    {
        var invoice = Issued(Line(1, 100m), Line(2, 50m)); // 180.00 TTC
        invoice.RecordPayment(PaymentMethod.Mandat, 120m, IssueDay, "M-1", "t", At, []);
        Assert.Equal(InvoiceStatus.PartiallyPaid, invoice.Status);

        var note = invoice.DraftCreditNote([2], "Ligne facturée à tort", [], At); // 60.00 TTC
        note.Issue(1, IssueDay);
        invoice.ApplyCreditNote(note, []);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(0m, invoice.AmountDue);
    }

    [Fact]
    public void Pes_numbers_are_given_once_and_kept()
    {
        var invoice = Issued(Line(1, 100m));
        invoice.AssignPesNumbers(2026, 3, 41);
        invoice.AssignPesNumbers(2026, 9, 99);
        Assert.Equal((2026, 3, 41L), (invoice.PesExercise!.Value, invoice.PesBordereauNumber!.Value, invoice.PesTitreNumber!.Value));
    }

    [Fact]
    public void The_vat_per_line_adds_up_to_the_vat_of_each_rate()
    {
        // Lines whose exact VAT is below a cent (0.006 each), a gratuity line cancelling a service line, an odd amount
        // (33.33 × 20 % = 6.666) and an out-of-scope line.
        InvoiceLine[] lines =
        [
            Line(1, 0.03m), Line(2, 0.03m), Line(3, 0.03m), Line(4, 350m), Line(5, -350m), Line(6, 33.33m),
            Line(7, 100m, VatCategory.OutOfScope),
        ];
        var invoice = Issued(lines);
        var perLine = InvoiceTotals.VatPerLine(lines);

        Assert.Equal(lines.Length, perLine.Length);
        foreach (var rate in invoice.VatByRate())
        {
            var sum = lines.Select((l, i) => (l, i)).Where(x => x.l.VatRate == rate.Rate).Sum(x => perLine[x.i]);
            Assert.Equal(rate.Vat, sum);
        }
        Assert.Equal(invoice.TotalVat, perLine.Sum());
        Assert.Equal(0m, perLine[6]);
        Assert.Equal(70m, perLine[3]);
        Assert.Equal(-70m, perLine[4]);
        Assert.All(perLine, v => Assert.Equal(v, Math.Round(v, 2)));
        // Each line's VAT is within a cent of its exact share.
        Assert.All(lines.Select((l, i) => (l, i)), x => Assert.True(Math.Abs(perLine[x.i] - x.l.AmountHt * x.l.VatRate) < 0.01m));
    }
}
