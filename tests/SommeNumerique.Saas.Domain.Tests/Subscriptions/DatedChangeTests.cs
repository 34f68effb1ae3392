using SommeNumerique.Saas.Domain.Subscriptions;
using static SommeNumerique.Saas.Domain.Tests.Subscriptions.Subs;

namespace SommeNumerique.Saas.Domain.Tests.Subscriptions;

/// <summary>Issue 12, item 6: quantity changes with an effective date (past dates: staff only, with a reason).</summary>
public class DatedChangeTests
{
    private static readonly DateOnly December7 = D(2025, 12, 7);
    private const string OrderForm = "bon de commande signé en septembre";

    [Fact]
    public void Staff_record_units_added_from_a_past_day_and_the_four_months_from_1_September_are_due_with_them()
    {
        var pack = Subscribe(Catalogue.VotedCatalogue.PackCyber(), 1, D(2025, 1, 1));

        pack.ChangeQuantity(4, December7, Staff, At, OrderForm, effectiveOn: D(2025, 9, 1));

        Assert.Equal(new[] { new QuantityStep(D(2025, 1, 1), 1), new QuantityStep(D(2025, 9, 1), 4) }, pack.QuantitySteps);
        var due = Enumerable.Range(1, 12).Select(m => pack.QuantityDueFor(D(2025, m, 1))).ToArray();
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 4, 4, 4, 4 }, due);
        Assert.Equal(3 * 4, due.Sum() - 12); // 3 extra units for 4 months
        var entry = pack.Changes[^1];
        Assert.Equal(SubscriptionChangeKind.QuantityIncreased, entry.Kind);
        Assert.Equal(D(2025, 9, 1), entry.EffectiveOn);
        Assert.Equal(OrderForm, entry.Reason);
        Assert.Equal("Agent de Somme Numérique", entry.By);
        Assert.Equal("Quantité portée de 1 à 4 à compter du 01/09/2025 (date d'effet passée, enregistrée le 07/12/2025).", entry.Description);
    }

    [Fact]
    public void A_tenant_may_not_choose_a_past_effective_date()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        var error = Assert.Throws<FieldRuleException>(() => subscription.ChangeQuantity(12, December7, Secretary, At, OrderForm, D(2025, 9, 1)));

        Assert.Equal("effectiveDate", error.Field);
        Assert.Equal("La date d'effet ne peut pas être passée : choisissez le 07/12/2025 ou une date ultérieure.", error.Message);
        Assert.Single(subscription.QuantitySteps);
        Assert.Equal(1, subscription.Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_past_effective_date_needs_a_written_reason(string? reason)
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        var error = Assert.Throws<FieldRuleException>(() => subscription.ChangeQuantity(12, December7, Staff, At, reason, D(2025, 9, 1)));

        Assert.Equal("reason", error.Field);
        Assert.Single(subscription.QuantitySteps);
    }

    [Fact]
    public void A_past_effective_date_may_not_precede_the_start()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 3, 15));

        var error = Assert.Throws<FieldRuleException>(() => subscription.ChangeQuantity(12, December7, Staff, At, OrderForm, D(2025, 3, 1)));

        Assert.Equal("effectiveDate", error.Field);
        Assert.Equal("La date d'effet ne peut pas précéder le début de l'abonnement (15/03/2025).", error.Message);
    }

    [Fact]
    public void A_past_decrease_below_the_commitment_is_an_override_and_takes_effect_on_its_day()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        subscription.ChangeQuantity(8, December7, Staff, At, "deux postes supprimés au 1er octobre", D(2025, 10, 1));

        Assert.Equal(10, subscription.QuantityDueFor(D(2025, 9, 1)));
        Assert.Equal(8, subscription.QuantityDueFor(D(2025, 10, 1)));
        Assert.Equal(SubscriptionChangeKind.QuantityDecreased, subscription.Changes[^1].Kind);
    }

    [Fact]
    public void A_past_change_replaces_the_steps_recorded_after_its_day_and_says_so()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));
        subscription.ChangeQuantity(11, D(2025, 11, 3), Secretary, At);     // at once, from 03/11/2025
        subscription.ChangeQuantity(10, D(2025, 11, 20), Secretary, At);    // decrease pending on 01/01/2026

        subscription.ChangeQuantity(14, December7, Staff, At, OrderForm, D(2025, 9, 1));

        Assert.Equal(new[] { new QuantityStep(D(2025, 1, 1), 10), new QuantityStep(D(2025, 9, 1), 14) }, subscription.QuantitySteps);
        Assert.EndsWith("remplace les 2 modifications enregistrées après cette date).", subscription.Changes[^1].Description);
    }

    [Fact]
    public void A_future_increase_takes_effect_on_its_day()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        subscription.ChangeQuantity(13, June10, Secretary, At, effectiveOn: D(2025, 9, 1));

        Assert.Equal(10, subscription.QuantityOn(D(2025, 8, 31)));
        Assert.Equal(13, subscription.QuantityOn(D(2025, 9, 1)));
        Assert.Equal(new QuantityStep(D(2025, 9, 1), 13), subscription.PendingStep(June10));
    }

    [Fact]
    public void A_future_decrease_waits_for_a_period_not_begun_and_keeps_the_commitment()
    {
        var vault = Vault(quantity: 10, start: D(2025, 1, 1));
        Assert.Throws<DomainException>(() => vault.ChangeQuantity(8, June10, Secretary, At, effectiveOn: D(2027, 1, 1))); // within the commitment

        var ent = Ent(quantity: 100, start: D(2025, 9, 1));
        ent.ChangeQuantity(80, D(2025, 10, 1), Secretary, At, effectiveOn: D(2026, 9, 1)); // a school year starts that day
        Assert.Equal(new QuantityStep(D(2026, 9, 1), 80), ent.PendingStep(D(2025, 10, 1)));

        var other = Ent(quantity: 100, start: D(2025, 9, 1));
        other.ChangeQuantity(80, D(2025, 10, 1), Secretary, At, effectiveOn: D(2025, 11, 15)); // mid-period: the next one
        Assert.Equal(new QuantityStep(D(2026, 9, 1), 80), other.PendingStep(D(2025, 10, 1)));
    }

    [Fact]
    public void An_effective_date_of_today_is_the_rule_without_a_date()
    {
        var dated = Vault(quantity: 10, start: D(2025, 1, 1));
        var undated = Vault(quantity: 10, start: D(2025, 1, 1));

        dated.ChangeQuantity(15, June10, Secretary, At, effectiveOn: June10);
        undated.ChangeQuantity(15, June10, Secretary, At);

        Assert.Equal(undated.QuantitySteps, dated.QuantitySteps);
        Assert.Equal(undated.Changes[^1], dated.Changes[^1]);
    }

    private static readonly DateOnly June10 = D(2025, 6, 10);
}
