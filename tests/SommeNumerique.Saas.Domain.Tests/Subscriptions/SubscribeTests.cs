using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tests.Catalogue;
using static SommeNumerique.Saas.Domain.Tests.Subscriptions.Subs;

namespace SommeNumerique.Saas.Domain.Tests.Subscriptions;

public class SubscribeTests
{
    // ---- Commitment -------------------------------------------------------------------------------------------

    [Fact]
    public void A_vault_from_1_January_2025_is_committed_until_31_December_2027()
    {
        var subscription = Vault(start: D(2025, 1, 1));

        Assert.Equal(36, subscription.CommitmentMonths);
        Assert.Equal(D(2027, 12, 31), subscription.CommitmentEnd);
    }

    [Fact]
    public void A_vault_from_15_March_2025_is_committed_until_14_March_2028()
    {
        var subscription = Vault(start: D(2025, 3, 15));

        Assert.Equal(D(2028, 3, 14), subscription.CommitmentEnd);
    }

    [Fact]
    public void The_cyber_pack_is_committed_for_its_longest_component_36_months()
    {
        // Components: antivirus 36 months, vault 12 months -> 36.
        var subscription = Subscribe(VotedCatalogue.PackCyber(), 8, D(2025, 1, 1));

        Assert.Equal(36, subscription.CommitmentMonths);
        Assert.Equal(D(2027, 12, 31), subscription.CommitmentEnd);
    }

    [Fact]
    public void An_item_without_components_has_its_commitment_end_on_the_start_date()
    {
        var subscription = Ent(start: D(2025, 9, 1));

        Assert.Equal(0, subscription.CommitmentMonths);
        Assert.Equal(D(2025, 9, 1), subscription.CommitmentEnd);
    }

    [Fact]
    public void The_committed_quantity_is_the_subscribed_quantity()
    {
        Assert.Equal(10, Vault(quantity: 10).CommittedQuantity);
    }

    [Fact]
    public void A_subscription_takes_its_billing_alignment_from_the_item()
    {
        Assert.Equal(BillingAlignment.CalendarYear, Vault().BillingAlignment);
        Assert.Equal(BillingAlignment.SchoolYear, Ent().BillingAlignment);
    }

    // ---- Quantity limits --------------------------------------------------------------------------------------

    [Fact]
    public void A_quantity_under_the_offer_minimum_is_refused()
    {
        var item = VotedCatalogue.CoffreFort();
        item.Offers[0].SetQuantityLimits(5, 50);

        var error = Assert.Throws<DomainException>(() => Subscribe(item, 4, D(2025, 1, 1)));
        Assert.Equal("La quantité doit être comprise entre 5 et 50.", error.Message);
    }

    [Fact]
    public void A_quantity_over_the_offer_maximum_is_refused()
    {
        var item = VotedCatalogue.CoffreFort();
        item.Offers[0].SetQuantityLimits(5, 50);

        var error = Assert.Throws<DomainException>(() => Subscribe(item, 51, D(2025, 1, 1)));
        Assert.Equal("La quantité doit être comprise entre 5 et 50.", error.Message);
    }

    [Fact]
    public void The_limits_themselves_are_accepted()
    {
        var item = VotedCatalogue.CoffreFort();
        item.Offers[0].SetQuantityLimits(5, 50);

        Assert.Equal(5, Subscribe(item, 5, D(2025, 1, 1)).QuantityOn(D(2025, 1, 1)));
        Assert.Equal(50, Subscribe(item, 50, D(2025, 1, 1)).QuantityOn(D(2025, 1, 1)));
    }

    [Fact]
    public void A_zero_quantity_is_refused_when_the_offer_has_no_maximum()
    {
        var error = Assert.Throws<DomainException>(() => Vault(quantity: 0));
        Assert.Equal("La quantité doit être d'au moins 1.", error.Message);
    }

    // ---- First-year gratuity ----------------------------------------------------------------------------------

    [Fact]
    public void A_first_ever_vault_from_1_January_2025_is_free_until_31_December_2025()
    {
        Assert.Equal(D(2025, 12, 31), Vault(start: D(2025, 1, 1), firstEver: true).GratuityEndsOn);
    }

    [Fact]
    public void A_first_ever_vault_from_15_March_2025_is_free_until_28_February_2026()
    {
        // March 2025 counts as the first of the 12 months: March 2025 .. February 2026.
        Assert.Equal(D(2026, 2, 28), Vault(start: D(2025, 3, 15), firstEver: true).GratuityEndsOn);
    }

    [Fact]
    public void A_vault_re_subscription_is_not_free_again()
    {
        Assert.Null(Vault(start: D(2025, 1, 1), firstEver: false).GratuityEndsOn);
    }

    [Fact]
    public void The_packs_are_never_free_even_for_a_first_subscription()
    {
        Assert.Null(Subscribe(VotedCatalogue.PackCyber(), 8, D(2025, 1, 1), firstEver: true).GratuityEndsOn);
        Assert.Null(Subscribe(VotedCatalogue.PackHauteSecurite(), 8, D(2025, 1, 1), firstEver: true).GratuityEndsOn);
    }

    // ---- History and version ----------------------------------------------------------------------------------

    [Fact]
    public void The_history_has_one_Subscribed_entry_naming_the_dates()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));

        var entry = Assert.Single(subscription.Changes);
        Assert.Equal(SubscriptionChangeKind.Subscribed, entry.Kind);
        Assert.Equal(D(2025, 1, 1), entry.EffectiveOn);
        Assert.Equal(At, entry.At);
        Assert.Equal(Secretary.UserId, entry.UserId);
        Assert.Equal("Secrétaire de mairie", entry.By);
        Assert.Null(entry.Reason);
        Assert.Equal(
            "Souscription de 10 × Coffre-fort de mots de passe (1 coffre = 1 agent) à compter du 01/01/2025, "
            + "engagement jusqu'au 31/12/2027, gratuit jusqu'au 31/12/2025.",
            entry.Description);
    }

    [Fact]
    public void The_Subscribed_entry_of_an_item_without_commitment_nor_gratuity_names_only_the_start()
    {
        var entry = Assert.Single(Ent(quantity: 100, start: D(2025, 9, 1)).Changes);

        Assert.Equal("Souscription de 100 × Contribution par compte élève à compter du 01/09/2025.", entry.Description);
    }

    [Fact]
    public void A_new_subscription_starts_with_one_quantity_step_at_its_start()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 3, 15));

        Assert.Equal(new[] { new QuantityStep(D(2025, 3, 15), 10) }, subscription.QuantitySteps);
        Assert.Null(subscription.TerminationDate);
        Assert.Equal(TenantId, subscription.TenantId);
        Assert.Equal("COFFRE-FORT", subscription.ItemCode);
        Assert.Equal("COFFRE-FORT", subscription.OfferCode);
    }

    [Fact]
    public void Version_increments_with_each_change()
    {
        var subscription = Vault(quantity: 10, start: D(2025, 1, 1));
        Assert.Equal(1, subscription.Version);

        subscription.ChangeQuantity(12, D(2025, 6, 10), Secretary, At);
        Assert.Equal(2, subscription.Version);

        subscription.ChangeQuantity(11, D(2025, 7, 1), Secretary, At);
        Assert.Equal(3, subscription.Version);

        subscription.Terminate(null, D(2025, 8, 1), Secretary, At);
        Assert.Equal(4, subscription.Version);
        Assert.Equal(4, subscription.Changes.Count);
    }

    [Fact]
    public void A_refused_change_does_not_increment_the_version()
    {
        var subscription = Vault(quantity: 10);

        Assert.Throws<DomainException>(() => subscription.ChangeQuantity(10, D(2025, 6, 10), Secretary, At));

        Assert.Equal(1, subscription.Version);
        Assert.Single(subscription.Changes);
    }
}
