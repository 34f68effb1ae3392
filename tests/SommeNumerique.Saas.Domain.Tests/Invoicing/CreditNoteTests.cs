using SommeNumerique.Saas.Domain.Accounting;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Domain.Tests.Invoicing;

/// <summary>
/// A credit note (avoir) reduces a debt and never raises it: a rule line (first-year gratuity, floor or cap)
/// is credited with the service lines it adjusts, in proportion, never alone. Amounts computed by hand.
/// </summary>
public sealed class CreditNoteTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Vault = Guid.NewGuid();
    private static readonly Guid Flows = Guid.NewGuid();

    private static DateOnly Month(int month) => new(2026, month, 1);

    private static InvoiceLine Line(int position, ChargeLineKind kind, decimal amount, int from, int to, Guid subscription,
        string offer = "COFFRE-FORT") => new()
    {
        Position = position, Kind = kind, Label = $"{kind} {position}", SubscriptionId = subscription, ItemCode = offer, OfferCode = offer,
        NatureAccount = "706", FromMonth = Month(from), ToMonth = Month(to), VatCategory = VatCategory.Standard,
        VatRate = VatCategory.Standard.Rate(), AmountHt = amount,
    };

    private static Invoice Issued(params InvoiceLine[] lines)
    {
        var invoice = Invoice.Draft(Guid.NewGuid(), Budget.Annexe, new InvoiceBuyer("Ercourt", "218002699", null, null),
            Month(1), new DateOnly(2026, 12, 31), lines, null, At);
        invoice.Issue(7, new DateOnly(2026, 2, 1));
        return invoice;
    }

    /// <summary>The invoice of the issue: 120,00 HT of vault, 7 free months (−70,00 HT): 50,00 HT, 60,00 TTC.</summary>
    private static Invoice SixtyEurosWithGratuity() => Issued(
        Line(1, ChargeLineKind.Service, 120m, 1, 12, Vault),
        Line(2, ChargeLineKind.FirstYearGratuity, -70m, 1, 7, Vault));

    [Fact]
    public void The_gratuity_line_alone_cannot_be_credited_it_would_raise_the_debt()
    {
        var invoice = SixtyEurosWithGratuity();
        Assert.Equal(60m, invoice.TotalTtc);

        var refused = Assert.Throws<DomainException>(() => invoice.DraftCreditNote([2], "Gratuité à tort", [], At));
        Assert.Contains("ligne n° 1", refused.Message);
        Assert.Equal(60m, invoice.AmountDue);
    }

    [Fact]
    public void Crediting_the_service_line_credits_its_gratuity_too_so_the_avoir_is_the_60_euros_due()
    {
        var invoice = SixtyEurosWithGratuity();

        var note = invoice.DraftCreditNote([1], "Souscription en double", [], At);

        // 120,00 − 70,00 = 50,00 HT; VAT 10,00; 60,00 TTC: exactly what was due.
        Assert.Equal([(1, 120m), (2, -70m)], note.Lines.Select(l => (l.CreditsPosition!.Value, l.AmountHt)));
        Assert.Equal(50m, note.TotalHt);
        Assert.Equal(60m, note.TotalTtc);
    }

    [Fact]
    public void A_gratuity_over_two_service_lines_is_credited_in_proportion_to_the_free_months_of_each()
    {
        // Vault Jan–Jun 60,00 HT (10,00 a month), Jul–Dec 120,00 HT (20,00 a month, units added in July); free Jan–Sep:
        // 6 × 10,00 + 3 × 20,00 = 120,00 given back. Invoice: 60 + 120 − 120 = 60,00 HT, 72,00 TTC.
        var invoice = Issued(
            Line(1, ChargeLineKind.Service, 60m, 1, 6, Vault),
            Line(2, ChargeLineKind.Service, 120m, 7, 12, Vault),
            Line(3, ChargeLineKind.FirstYearGratuity, -120m, 1, 9, Vault));
        Assert.Equal(72m, invoice.TotalTtc);

        // July–December: 3 of its months were free (60,00 of the 120,00 given back): 120 − 60 = 60,00 HT, 72,00 TTC.
        var second = invoice.DraftCreditNote([2], "Unités ajoutées par erreur", [], At);
        Assert.Equal([(2, 120m), (3, -60m)], second.Lines.Select(l => (l.CreditsPosition!.Value, l.AmountHt)));
        Assert.Equal(72m, second.TotalTtc);

        // January–June then takes the rest of the gratuity (−60,00): 60 − 60 = 0, nothing more to give back.
        var first = invoice.DraftCreditNote([1], "Résiliation", second.Lines, At);
        Assert.Equal([(1, 60m), (3, -60m)], first.Lines.Select(l => (l.CreditsPosition!.Value, l.AmountHt)));
        Assert.Equal(0m, first.TotalTtc);
    }

    [Fact]
    public void A_service_line_outside_the_free_months_takes_none_of_the_gratuity()
    {
        // Free Jan–Mar: 3 × 10,00 = 30,00. Invoice 60 + 120 − 30 = 150,00 HT, 180,00 TTC.
        var invoice = Issued(
            Line(1, ChargeLineKind.Service, 60m, 1, 6, Vault),
            Line(2, ChargeLineKind.Service, 120m, 7, 12, Vault),
            Line(3, ChargeLineKind.FirstYearGratuity, -30m, 1, 3, Vault));

        var july = invoice.DraftCreditNote([2], "Unités ajoutées par erreur", [], At);
        Assert.Equal([(2, 120m)], july.Lines.Select(l => (l.CreditsPosition!.Value, l.AmountHt)));
        Assert.Equal(144m, july.TotalTtc);

        var january = invoice.DraftCreditNote([1], "Résiliation", july.Lines, At);
        Assert.Equal([(1, 60m), (3, -30m)], january.Lines.Select(l => (l.CreditsPosition!.Value, l.AmountHt)));
        Assert.Equal(36m, january.TotalTtc);
    }

    [Fact]
    public void The_floor_and_the_cap_follow_their_service_line_and_never_go_alone()
    {
        // Accounting flows: 500 inhabitants × 0,07 = 35,00, floor 50,00 (+15,00); a vault line of 120,00 beside it.
        var floor = Issued(
            Line(1, ChargeLineKind.Service, 35m, 1, 12, Flows, "FLUX"),
            Line(2, ChargeLineKind.FloorOrCap, 15m, 1, 12, Flows, "FLUX"),
            Line(3, ChargeLineKind.Service, 120m, 1, 12, Vault));
        Assert.Throws<DomainException>(() => floor.DraftCreditNote([2], "Minimum à tort", [], At));
        var note = floor.DraftCreditNote([1], "Pas de dématérialisation", [], At);
        Assert.Equal([(1, 35m), (2, 15m)], note.Lines.Select(l => (l.CreditsPosition!.Value, l.AmountHt)));
        Assert.Equal(60m, note.TotalTtc);

        // 100 000 inhabitants × 0,07 = 7 000,00, cap 5 000,00 (−2 000,00): crediting the cap alone would raise the debt by 2 400,00 TTC.
        var cap = Issued(
            Line(1, ChargeLineKind.Service, 7000m, 1, 12, Flows, "FLUX"),
            Line(2, ChargeLineKind.FloorOrCap, -2000m, 1, 12, Flows, "FLUX"));
        Assert.Throws<DomainException>(() => cap.DraftCreditNote([2], "Plafond à tort", [], At));
        Assert.Equal(6000m, cap.DraftCreditNote([1], "Erreur de population", [], At).TotalTtc);
    }

    [Fact]
    public void Ticking_the_service_and_its_gratuity_together_is_the_same_as_ticking_the_service()
    {
        var invoice = SixtyEurosWithGratuity();
        var note = invoice.DraftCreditNote([1, 2], "Souscription en double", [], At);
        Assert.Equal(60m, note.TotalTtc);
        Assert.Equal(2, note.Lines.Count);
    }

    [Fact]
    public void The_invoice_is_cancelled_once_every_line_is_wholly_credited_and_the_amount_due_never_rises()
    {
        var invoice = Issued(
            Line(1, ChargeLineKind.Service, 60m, 1, 6, Vault),
            Line(2, ChargeLineKind.Service, 120m, 7, 12, Vault),
            Line(3, ChargeLineKind.FirstYearGratuity, -120m, 1, 9, Vault));

        var second = invoice.DraftCreditNote([2], "Unités ajoutées par erreur", [], At);
        second.Issue(1, new DateOnly(2026, 3, 2));
        invoice.ApplyCreditNote(second, []);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status); // the gratuity is credited in part only
        Assert.Equal(0m, invoice.AmountDue);                  // 72,00 − 72,00

        var rest = invoice.DraftCreditNote(null, "Résiliation", second.Lines, At);
        Assert.Equal([(1, 60m), (3, -60m)], rest.Lines.Select(l => (l.CreditsPosition!.Value, l.AmountHt)));
        rest.Issue(2, new DateOnly(2026, 3, 2));
        invoice.ApplyCreditNote(rest, second.Lines);
        Assert.Equal(InvoiceStatus.Cancelled, invoice.Status);
        Assert.Equal(0m, invoice.AmountDue);
        Assert.Equal([1, 2, 3], InvoiceCredit.FullyCredited(invoice.Lines, second.Lines.Concat(rest.Lines)).Order());
    }
}
