using SommeNumerique.Saas.Domain.Subscriptions;
using static SommeNumerique.Saas.Domain.Tests.Subscriptions.Subs;

namespace SommeNumerique.Saas.Domain.Tests.Subscriptions;

public class EarliestTerminationTests
{
    [Fact]
    public void During_the_commitment_the_earliest_termination_is_the_commitment_end()
    {
        var subscription = Vault(start: D(2025, 1, 1));

        Assert.Equal(D(2027, 12, 31), subscription.EarliestTerminationFor(D(2025, 6, 10)));
        Assert.Equal(D(2027, 12, 31), subscription.EarliestTerminationFor(D(2027, 12, 31)));
    }

    [Fact]
    public void After_the_commitment_the_earliest_termination_is_the_end_of_the_current_calendar_year()
    {
        var subscription = Vault(start: D(2025, 3, 15)); // commitment ends 14/03/2028

        Assert.Equal(D(2028, 3, 14), subscription.EarliestTerminationFor(D(2028, 3, 14)));
        Assert.Equal(D(2028, 12, 31), subscription.EarliestTerminationFor(D(2028, 3, 15)));
    }

    [Fact]
    public void Without_commitment_the_earliest_termination_is_the_end_of_the_current_school_year()
    {
        var subscription = Ent(start: D(2025, 9, 1));

        Assert.Equal(D(2026, 8, 31), subscription.EarliestTerminationFor(D(2025, 10, 15)));
        Assert.Equal(D(2027, 8, 31), subscription.EarliestTerminationFor(D(2026, 9, 1)));
    }
}

public class TerminateTests
{
    private static readonly DateOnly June10 = D(2025, 6, 10);

    [Fact]
    public void A_tenant_termination_before_the_commitment_end_is_refused_with_the_earliest_date()
    {
        var subscription = Vault(start: D(2025, 1, 1));

        var error = Assert.Throws<DomainException>(() => subscription.Terminate(D(2025, 12, 31), June10, Secretary, At));

        Assert.Equal(
            "Résiliation impossible avant le 31/12/2027 : l'engagement court jusqu'au 31/12/2027. "
            + "Vous pouvez demander la résiliation au 31/12/2027.",
            error.Message);
        Assert.Null(subscription.TerminationDate);
        Assert.Equal(1, subscription.Version);
    }

    [Fact]
    public void A_tenant_termination_without_a_date_is_set_to_the_commitment_end()
    {
        var subscription = Vault(start: D(2025, 3, 15));

        subscription.Terminate(null, June10, Secretary, At);

        Assert.Equal(D(2028, 3, 14), subscription.TerminationDate);
        var entry = subscription.Changes[^1];
        Assert.Equal(SubscriptionChangeKind.TerminationRecorded, entry.Kind);
        Assert.Equal(D(2028, 3, 14), entry.EffectiveOn);
        Assert.Equal("Résiliation : dernier jour de service le 14/03/2028.", entry.Description);
        Assert.Equal(2, subscription.Version);
    }

    [Theory]
    [InlineData(9999, 12, 31)]
    [InlineData(2030, 1, 1)]
    public void A_last_day_more_than_two_years_after_the_earliest_termination_is_refused_like_a_far_start_date(int year, int month, int day)
    {
        var subscription = Vault(start: D(2025, 1, 1)); // earliest termination 31/12/2027

        var error = Assert.Throws<DomainException>(() => subscription.Terminate(D(year, month, day), June10, Staff, At, "fin de contrat"));

        Assert.Equal("La date de fin ne peut pas dépasser le 31/12/2029 (deux ans après la résiliation au plus tôt).", error.Message);
        Assert.Null(subscription.TerminationDate);
        Assert.Equal(1, subscription.Version);
        subscription.Terminate(D(2029, 12, 31), June10, Secretary, At); // the bound itself is allowed
        Assert.Equal(D(2029, 12, 31), subscription.TerminationDate);
        Assert.Equal(D(2029, 12, 31), Subscription.LatestDateFrom(D(2027, 12, 31)));
    }

    [Fact]
    public void A_tenant_may_choose_a_last_day_after_the_commitment_end()
    {
        var subscription = Vault(start: D(2025, 1, 1));

        subscription.Terminate(D(2028, 6, 30), June10, Secretary, At);

        Assert.Equal(D(2028, 6, 30), subscription.TerminationDate);
    }

    [Fact]
    public void After_the_commitment_a_tenant_termination_without_a_date_ends_with_the_billing_period()
    {
        var subscription = Vault(start: D(2025, 1, 1)); // commitment ends 31/12/2027

        subscription.Terminate(null, D(2028, 2, 1), Secretary, At);

        Assert.Equal(D(2028, 12, 31), subscription.TerminationDate);
    }

    [Fact]
    public void After_the_commitment_a_tenant_may_not_end_before_the_end_of_the_billing_period()
    {
        var subscription = Vault(start: D(2025, 1, 1));

        var error = Assert.Throws<DomainException>(() => subscription.Terminate(D(2028, 6, 30), D(2028, 2, 1), Secretary, At));

        Assert.Contains("Résiliation impossible avant le 31/12/2028", error.Message);
        Assert.Contains("Vous pouvez demander la résiliation au 31/12/2028.", error.Message);
    }

    [Fact]
    public void Staff_may_end_before_the_commitment_end_with_a_reason()
    {
        var subscription = Vault(start: D(2025, 1, 1));

        subscription.Terminate(D(2025, 6, 30), June10, Staff, At, "Dissolution de la commune (arrêté préfectoral)");

        Assert.Equal(D(2025, 6, 30), subscription.TerminationDate);
        var entry = subscription.Changes[^1];
        Assert.Equal("Dissolution de la commune (arrêté préfectoral)", entry.Reason);
        Assert.Equal("Agent de Somme Numérique", entry.By);
    }

    [Fact]
    public void Staff_may_end_the_service_today()
    {
        var subscription = Vault(start: D(2025, 1, 1));

        subscription.Terminate(June10, June10, Staff, At, "Erreur de souscription");

        Assert.Equal(June10, subscription.TerminationDate);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Staff_may_not_end_before_the_commitment_end_without_a_reason(string? reason)
    {
        var subscription = Vault(start: D(2025, 1, 1));

        var error = Assert.Throws<DomainException>(() => subscription.Terminate(D(2025, 6, 30), June10, Staff, At, reason));

        Assert.Equal("Indiquez le motif de la résiliation anticipée.", error.Message);
        Assert.Null(subscription.TerminationDate);
    }

    [Fact]
    public void Staff_may_end_on_a_past_day_with_a_reason()
    {
        var subscription = Vault(start: D(2025, 1, 1));

        subscription.Terminate(D(2025, 3, 31), June10, Staff, At, "délibération de retrait du 20 mars");

        Assert.Equal(D(2025, 3, 31), subscription.TerminationDate);
        Assert.Equal(SubscriptionStatus.Terminated, subscription.StatusOn(June10));
        Assert.Equal(10, subscription.QuantityDueFor(D(2025, 3, 1)));
        Assert.Equal(0, subscription.QuantityOn(D(2025, 4, 1)));
        var entry = subscription.Changes[^1];
        Assert.Equal(D(2025, 3, 31), entry.EffectiveOn);
        Assert.Equal("délibération de retrait du 20 mars", entry.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Staff_may_not_end_on_a_past_day_without_a_reason(string? reason)
    {
        var subscription = Vault(start: D(2025, 1, 1));

        var error = Assert.Throws<FieldRuleException>(() => subscription.Terminate(D(2025, 6, 9), June10, Staff, At, reason));

        Assert.Equal("reason", error.Field);
        Assert.StartsWith("Indiquez le motif d'une résiliation à date passée", error.Message);
        Assert.Null(subscription.TerminationDate);
    }

    [Fact]
    public void A_tenant_may_not_end_on_a_past_day()
    {
        var subscription = Ent(start: D(2024, 9, 1)); // no commitment: only the date is wrong

        var error = Assert.Throws<FieldRuleException>(() => subscription.Terminate(D(2025, 6, 9), June10, Secretary, At, "motif"));

        Assert.Equal("lastDay", error.Field);
        Assert.StartsWith("Le dernier jour de service ne peut pas être passé", error.Message);
        Assert.Null(subscription.TerminationDate);
    }

    [Fact]
    public void Staff_may_not_end_before_the_start()
    {
        var subscription = Vault(start: D(2025, 3, 15));

        var error = Assert.Throws<DomainException>(() => subscription.Terminate(D(2025, 3, 10), D(2025, 3, 1), Staff, At, "motif"));

        Assert.Equal("La date de fin ne peut pas précéder le 15/03/2025.", error.Message);
    }

    [Fact]
    public void A_second_termination_is_refused()
    {
        var subscription = Vault(start: D(2025, 1, 1));
        subscription.Terminate(null, June10, Secretary, At);

        var error = Assert.Throws<DomainException>(() => subscription.Terminate(D(2028, 6, 30), D(2025, 7, 1), Secretary, At));

        Assert.Equal("La résiliation est déjà enregistrée (dernier jour le 31/12/2027).", error.Message);
        Assert.Equal(D(2027, 12, 31), subscription.TerminationDate);
    }

    [Fact]
    public void The_status_is_active_then_termination_scheduled_until_the_last_day_then_terminated()
    {
        var subscription = Vault(start: D(2025, 1, 1));
        Assert.Equal(SubscriptionStatus.Active, subscription.StatusOn(June10));

        subscription.Terminate(null, June10, Secretary, At);

        Assert.Equal(SubscriptionStatus.TerminationScheduled, subscription.StatusOn(June10));
        Assert.Equal(SubscriptionStatus.TerminationScheduled, subscription.StatusOn(D(2027, 12, 31)));
        Assert.Equal(SubscriptionStatus.Terminated, subscription.StatusOn(D(2028, 1, 1)));
    }

    [Fact]
    public void The_quantity_steps_after_the_last_day_are_removed()
    {
        var subscription = Ent(quantity: 100, start: D(2025, 9, 1));
        var today = D(2025, 10, 15);
        subscription.ChangeQuantity(80, today, Secretary, At); // pending on 01/09/2026

        subscription.Terminate(null, today, Secretary, At); // end of the school year: 31/08/2026

        Assert.Equal(D(2026, 8, 31), subscription.TerminationDate);
        Assert.Equal(new[] { new QuantityStep(D(2025, 9, 1), 100) }, subscription.QuantitySteps);
        Assert.Null(subscription.PendingStep(today));
        Assert.Equal(100, subscription.QuantityOn(D(2026, 8, 31)));
        Assert.Equal(0, subscription.QuantityOn(D(2026, 9, 1)));
    }
}

public class EnsureVersionTests
{
    [Fact]
    public void A_stale_expected_version_throws_a_concurrent_change_exception()
    {
        var subscription = Vault();
        subscription.ChangeQuantity(12, D(2025, 6, 10), Secretary, At); // version 2

        var error = Assert.Throws<ConcurrentChangeException>(() => subscription.EnsureVersion(1));

        Assert.IsAssignableFrom<DomainException>(error);
        Assert.Equal("Cet abonnement a été modifié entre-temps : rechargez-le puis recommencez.", error.Message);
    }

    [Fact]
    public void A_null_expected_version_passes()
    {
        var subscription = Vault();
        subscription.ChangeQuantity(12, D(2025, 6, 10), Secretary, At);

        Assert.Null(Record.Exception(() => subscription.EnsureVersion(null)));
    }

    [Fact]
    public void The_current_version_passes()
    {
        var subscription = Vault();
        subscription.ChangeQuantity(12, D(2025, 6, 10), Secretary, At);

        Assert.Equal(2, subscription.Version); // subscribed (1), then one change (2)
        Assert.Null(Record.Exception(() => subscription.EnsureVersion(subscription.Version)));
    }
}
