using SommeNumerique.Saas.Domain.Subscriptions;
using static SommeNumerique.Saas.Domain.Tests.Subscriptions.Subs;

namespace SommeNumerique.Saas.Domain.Tests.Subscriptions;

public class QuantityOnTests
{
    [Fact]
    public void The_quantity_is_zero_before_the_start()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 3, 15));

        Assert.Equal(0, subscription.QuantityOn(D(2025, 3, 14)));
        Assert.Equal(10, subscription.QuantityOn(D(2025, 3, 15)));
    }

    [Fact]
    public void The_quantity_is_zero_after_the_termination_date()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));
        subscription.Terminate(null, D(2025, 6, 10), Secretary, At); // commitment end 31/12/2027

        Assert.Equal(10, subscription.QuantityOn(D(2027, 12, 31)));
        Assert.Equal(0, subscription.QuantityOn(D(2028, 1, 1)));
    }

    [Fact]
    public void The_quantity_follows_its_steps()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 3, 15));
        subscription.ChangeQuantity(15, D(2025, 6, 10), Secretary, At); // at once
        subscription.ChangeQuantity(12, D(2025, 9, 20), Secretary, At); // from 01/01/2026

        Assert.Equal(0, subscription.QuantityOn(D(2025, 3, 14)));
        Assert.Equal(10, subscription.QuantityOn(D(2025, 3, 15)));
        Assert.Equal(10, subscription.QuantityOn(D(2025, 6, 9)));
        Assert.Equal(15, subscription.QuantityOn(D(2025, 6, 10)));
        Assert.Equal(15, subscription.QuantityOn(D(2025, 12, 31)));
        Assert.Equal(12, subscription.QuantityOn(D(2026, 1, 1)));
        Assert.Equal(12, subscription.QuantityOn(D(2030, 1, 1)));
    }
}

public class ChangeQuantityTests
{
    private static readonly DateOnly June10 = D(2025, 6, 10);

    // ---- Increase ---------------------------------------------------------------------------------------------

    [Fact]
    public void An_increase_takes_effect_at_once()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        subscription.ChangeQuantity(15, June10, Secretary, At);

        Assert.Equal(15, subscription.QuantityOn(June10));
        Assert.Equal(10, subscription.QuantityOn(D(2025, 6, 9)));
        Assert.Null(subscription.PendingStep(June10));
        var entry = subscription.Changes[^1];
        Assert.Equal(SubscriptionChangeKind.QuantityIncreased, entry.Kind);
        Assert.Equal(June10, entry.EffectiveOn);
        Assert.Equal("Quantité portée de 10 à 15, à compter du 10/06/2025.", entry.Description);
    }

    [Fact]
    public void An_increase_before_the_start_takes_effect_at_the_start()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 3, 15));

        subscription.ChangeQuantity(12, D(2025, 3, 1), Secretary, At);

        Assert.Equal(new[] { new QuantityStep(D(2025, 3, 15), 12) }, subscription.QuantitySteps);
        Assert.Equal(D(2025, 3, 15), subscription.Changes[^1].EffectiveOn);
    }

    // ---- Decrease ---------------------------------------------------------------------------------------------

    [Fact]
    public void A_decrease_of_a_calendar_year_item_takes_effect_on_the_next_1_January()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));
        subscription.ChangeQuantity(15, June10, Secretary, At);

        var today = D(2025, 9, 20);
        subscription.ChangeQuantity(12, today, Secretary, At); // 12 >= 10 committed: allowed to a tenant

        Assert.Equal(15, subscription.QuantityOn(today));
        Assert.Equal(15, subscription.QuantityOn(D(2025, 12, 31)));
        Assert.Equal(12, subscription.QuantityOn(D(2026, 1, 1)));
        Assert.Equal(new QuantityStep(D(2026, 1, 1), 12), subscription.PendingStep(today));
        var entry = subscription.Changes[^1];
        Assert.Equal(SubscriptionChangeKind.QuantityDecreased, entry.Kind);
        Assert.Equal(D(2026, 1, 1), entry.EffectiveOn);
        Assert.Equal("Quantité ramenée de 15 à 12 à compter du 01/01/2026 (période de facturation suivante).", entry.Description);
    }

    [Fact]
    public void A_decrease_of_the_school_workspace_takes_effect_on_the_next_1_September()
    {
        var subscription = Ent(quantity: 100, start: D(2025, 9, 1));

        var today = D(2026, 3, 10); // school year 2025-2026: the next one starts 01/09/2026 (not 01/01/2027)
        subscription.ChangeQuantity(80, today, Secretary, At);

        Assert.Equal(100, subscription.QuantityOn(today));
        Assert.Equal(100, subscription.QuantityOn(D(2026, 8, 31)));
        Assert.Equal(80, subscription.QuantityOn(D(2026, 9, 1)));
        Assert.Equal(new QuantityStep(D(2026, 9, 1), 80), subscription.PendingStep(today));
        Assert.Equal(D(2026, 9, 1), subscription.Changes[^1].EffectiveOn);
    }

    [Fact]
    public void A_decrease_on_31_August_of_the_school_workspace_takes_effect_the_next_day()
    {
        var subscription = Ent(quantity: 100, start: D(2025, 9, 1));

        subscription.ChangeQuantity(80, D(2026, 8, 31), Secretary, At);

        Assert.Equal(new QuantityStep(D(2026, 9, 1), 80), subscription.PendingStep(D(2026, 8, 31)));
    }

    [Fact]
    public void A_tenant_may_not_decrease_below_the_committed_quantity_during_the_commitment()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        var error = Assert.Throws<DomainException>(() => subscription.ChangeQuantity(8, June10, Secretary, At));

        Assert.Equal(
            "Pendant l'engagement (jusqu'au 31/12/2027), la quantité ne peut pas descendre sous les 10 unités souscrites.",
            error.Message);
        Assert.Equal(new[] { new QuantityStep(D(2025, 1, 1), 10) }, subscription.QuantitySteps);
        Assert.Equal(1, subscription.Version);
    }

    [Fact]
    public void A_decrease_asked_during_the_commitment_is_allowed_when_it_takes_effect_after_it()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        // Asked on the last day of the commitment, it would take effect on 2028-01-01: after the commitment.
        subscription.ChangeQuantity(8, D(2027, 12, 31), Secretary, At);
        Assert.Equal(new QuantityStep(D(2028, 1, 1), 8), subscription.PendingStep(D(2027, 12, 31)));

        // Asked a year earlier, it would take effect on 2027-01-01, within the commitment: refused.
        var other = Vault(quantity: 10, start: D(2025, 1, 1));
        Assert.Throws<DomainException>(() => other.ChangeQuantity(8, D(2026, 12, 31), Secretary, At));
    }

    [Fact]
    public void Staff_may_decrease_below_the_committed_quantity_with_a_reason()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        subscription.ChangeQuantity(8, June10, Staff, At, "Fusion de services : deux agents de moins");

        Assert.Equal(10, subscription.QuantityOn(June10));
        Assert.Equal(8, subscription.QuantityOn(D(2026, 1, 1)));
        var entry = subscription.Changes[^1];
        Assert.Equal(SubscriptionChangeKind.QuantityDecreased, entry.Kind);
        Assert.Equal("Agent de Somme Numérique", entry.By);
        Assert.Equal("Fusion de services : deux agents de moins", entry.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Staff_may_not_decrease_below_the_committed_quantity_without_a_reason(string? reason)
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        var error = Assert.Throws<DomainException>(() => subscription.ChangeQuantity(8, June10, Staff, At, reason));

        Assert.Equal("Indiquez le motif de la dérogation à l'engagement.", error.Message);
        Assert.Null(subscription.PendingStep(June10));
    }

    [Fact]
    public void After_the_commitment_end_a_tenant_may_decrease_below_the_committed_quantity()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1)); // commitment ends 31/12/2027

        var today = D(2028, 2, 1);
        subscription.ChangeQuantity(5, today, Secretary, At);

        Assert.Equal(10, subscription.QuantityOn(today));
        Assert.Equal(new QuantityStep(D(2029, 1, 1), 5), subscription.PendingStep(today));
    }

    [Fact]
    public void A_new_increase_cancels_a_pending_decrease()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));
        subscription.ChangeQuantity(15, June10, Secretary, At);
        subscription.ChangeQuantity(12, D(2025, 9, 20), Secretary, At); // pending on 01/01/2026

        var today = D(2025, 10, 1);
        subscription.ChangeQuantity(16, today, Secretary, At);

        Assert.Null(subscription.PendingStep(today));
        Assert.Equal(16, subscription.QuantityOn(today));
        Assert.Equal(16, subscription.QuantityOn(D(2026, 1, 1)));
        Assert.Equal(SubscriptionChangeKind.QuantityIncreased, subscription.Changes[^1].Kind);
    }

    [Fact]
    public void Asking_again_for_the_current_quantity_cancels_a_pending_decrease()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));
        subscription.ChangeQuantity(15, June10, Secretary, At);
        subscription.ChangeQuantity(12, D(2025, 9, 20), Secretary, At);

        var today = D(2025, 10, 1);
        subscription.ChangeQuantity(15, today, Secretary, At);

        Assert.Null(subscription.PendingStep(today));
        Assert.Equal(15, subscription.QuantityOn(D(2026, 1, 1)));
        Assert.Equal("Diminution annulée : la quantité reste de 15.", subscription.Changes[^1].Description);
    }

    [Fact]
    public void A_new_decrease_replaces_a_pending_one()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));
        subscription.ChangeQuantity(15, June10, Secretary, At);
        subscription.ChangeQuantity(12, D(2025, 9, 20), Secretary, At);

        var today = D(2025, 10, 1);
        subscription.ChangeQuantity(11, today, Secretary, At);

        Assert.Equal(new QuantityStep(D(2026, 1, 1), 11), subscription.PendingStep(today));
        Assert.Equal(3, subscription.QuantitySteps.Count); // 01/01/2025: 10, 10/06/2025: 15, 01/01/2026: 11
    }

    [Fact]
    public void A_refused_decrease_leaves_the_pending_decrease_in_place()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));
        subscription.ChangeQuantity(15, June10, Secretary, At);
        subscription.ChangeQuantity(12, D(2025, 9, 20), Secretary, At); // pending 12 on 01/01/2026

        var today = D(2025, 10, 1);
        Assert.Throws<DomainException>(() => subscription.ChangeQuantity(8, today, Secretary, At)); // under the 10 committed

        Assert.Equal(new QuantityStep(D(2026, 1, 1), 12), subscription.PendingStep(today));
        Assert.Equal(12, subscription.QuantityOn(D(2026, 1, 1)));
    }

    // ---- Refusals ---------------------------------------------------------------------------------------------

    [Fact]
    public void The_same_quantity_is_refused()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        var error = Assert.Throws<DomainException>(() => subscription.ChangeQuantity(10, June10, Secretary, At));

        Assert.Equal("La quantité est déjà de 10.", error.Message);
    }

    [Fact]
    public void The_same_quantity_is_refused_before_the_start()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 3, 15));

        var error = Assert.Throws<DomainException>(() => subscription.ChangeQuantity(10, D(2025, 3, 1), Secretary, At));

        Assert.Equal("La quantité est déjà de 10.", error.Message);
        Assert.Single(subscription.Changes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_quantity_under_1_is_refused(int quantity)
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        var error = Assert.Throws<DomainException>(() => subscription.ChangeQuantity(quantity, D(2028, 2, 1), Staff, At, "motif"));

        Assert.Equal("La quantité doit être d'au moins 1 : pour arrêter le service, demandez la résiliation.", error.Message);
    }

    [Fact]
    public void A_change_is_refused_once_a_termination_is_scheduled()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));
        subscription.Terminate(null, June10, Secretary, At); // last day 31/12/2027

        var error = Assert.Throws<DomainException>(() => subscription.ChangeQuantity(12, D(2025, 7, 1), Secretary, At));

        Assert.Equal("La résiliation est déjà enregistrée (dernier jour le 31/12/2027).", error.Message);
    }

    [Fact]
    public void A_change_is_refused_after_the_termination()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));
        subscription.Terminate(null, June10, Secretary, At);

        var error = Assert.Throws<DomainException>(() => subscription.ChangeQuantity(12, D(2028, 1, 1), Staff, At, "motif"));

        Assert.Equal("Cet abonnement est résilié.", error.Message);
    }
}
