using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue;

public class OfferTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static TariffVersion Version(DateOnly effectiveFrom, decimal memberPrice = 430.00m) => TariffVersion.Create(new TariffTerms
    {
        Deliberation = new Deliberation("Comité syndical", effectiveFrom, "Offre de service FTTH"),
        EffectiveFrom = effectiveFrom,
        Model = PricingModel.PerUnitPerYear,
        Vat = VatCategory.Standard,
        MemberPrice = memberPrice,
    });

    private static Offer EmptyOffer() =>
        CatalogueItem.Create("FTTH-GFU", "Accès fibre du GFU", "site public", "706").AddOffer("FTTH-INITIALE", "Offre initiale");

    private static Offer FtthInitiale() => VotedCatalogue.FtthGfu().Offers.Single(o => o.Code == "FTTH-INITIALE");

    [Fact]
    public void The_voted_FTTH_initiale_offer_has_its_two_versions_in_order()
    {
        var offer = FtthInitiale();

        Assert.Equal(new[] { D(2024, 6, 17), D(2024, 10, 7) }, offer.Versions.Select(v => v.EffectiveFrom));
        Assert.Equal(new[] { 430.00m, 460.00m }, offer.Versions.Select(v => v.MemberPrice!.Value));
        Assert.All(offer.Versions, v => Assert.Null(v.NonMemberPrice));
    }

    [Fact]
    public void A_new_offer_is_unpublished_without_versions_and_sold_from_1_unit()
    {
        var offer = EmptyOffer();

        Assert.False(offer.IsPublished);
        Assert.Empty(offer.Versions);
        Assert.Equal(1, offer.MinQuantity);
        Assert.Null(offer.MaxQuantity);
        Assert.NotEqual(Guid.Empty, offer.Id);
    }

    [Fact]
    public void A_version_taking_effect_after_the_latest_is_added()
    {
        var offer = EmptyOffer();
        offer.AddVersion(Version(D(2024, 6, 17)));

        offer.AddVersion(Version(D(2024, 10, 7), 460.00m));

        Assert.Equal(2, offer.Versions.Count);
    }

    [Fact]
    public void A_version_taking_effect_on_the_date_of_the_latest_is_refused()
    {
        var offer = FtthInitiale();

        var error = Assert.Throws<DomainException>(() => offer.AddVersion(Version(D(2024, 10, 7), 470.00m)));

        Assert.Equal("Un tarif entre déjà en vigueur le 07/10/2024 : la nouvelle version doit prendre effet après cette date.", error.Message);
        Assert.Equal(2, offer.Versions.Count);
    }

    [Theory]
    [InlineData(2024, 10, 6)]
    [InlineData(2024, 6, 17)]
    [InlineData(2023, 1, 1)]
    public void A_version_taking_effect_before_the_latest_is_refused(int y, int m, int d)
    {
        var offer = FtthInitiale();

        var error = Assert.Throws<DomainException>(() => offer.AddVersion(Version(D(y, m, d), 470.00m)));

        Assert.Contains("07/10/2024", error.Message);
        Assert.Equal(2, offer.Versions.Count);
    }

    [Theory]
    [InlineData(2024, 6, 16, null)]
    [InlineData(2024, 6, 17, 430)]
    [InlineData(2024, 10, 6, 430)]
    [InlineData(2024, 10, 7, 460)]
    [InlineData(2030, 1, 1, 460)]
    public void The_version_in_force_on_a_day_is_the_latest_effective_on_or_before_it(int y, int m, int d, int? price)
    {
        var version = FtthInitiale().VersionInForceOn(D(y, m, d));

        Assert.Equal(price, version?.MemberPrice);
    }

    [Fact]
    public void An_offer_without_a_version_has_nothing_in_force()
    {
        Assert.Null(EmptyOffer().VersionInForceOn(D(2025, 1, 1)));
    }

    [Fact]
    public void Publishing_an_offer_without_a_tariff_is_refused_in_French()
    {
        var offer = VotedCatalogue.FtthGfu().Offers.Single(o => o.Code == "FTTH-CONNECT");

        var error = Assert.Throws<DomainException>(() => offer.Publish(D(2025, 1, 15)));

        Assert.Equal("L'offre FTTH-CONNECT n'a pas de tarif en vigueur : ajoutez une version de tarif avant de la publier.", error.Message);
        Assert.False(offer.IsPublished);
    }

    [Fact]
    public void Publishing_an_offer_whose_only_tariff_is_scheduled_is_refused()
    {
        var offer = EmptyOffer();
        offer.AddVersion(Version(D(2026, 1, 1)));

        Assert.Throws<DomainException>(() => offer.Publish(D(2025, 12, 31)));
        Assert.False(offer.IsPublished);
    }

    [Theory]
    [InlineData(2024, 7, 1)]
    [InlineData(2025, 1, 15)]
    public void Publishing_an_offer_with_a_tariff_in_force_is_accepted(int y, int m, int d)
    {
        var offer = FtthInitiale();

        offer.Publish(D(y, m, d));

        Assert.True(offer.IsPublished);
    }

    [Fact]
    public void Publishing_is_refused_when_the_tariff_takes_effect_after_the_first_day_of_the_month()
    {
        var offer = EmptyOffer();
        offer.AddVersion(Version(D(2024, 6, 17)));

        Assert.Throws<DomainException>(() => offer.Publish(D(2024, 6, 20)));
    }

    [Fact]
    public void A_retired_offer_is_no_longer_published_and_may_be_published_again()
    {
        var offer = FtthInitiale();
        offer.Publish(D(2025, 1, 15));

        offer.Retire();
        Assert.False(offer.IsPublished);

        offer.Publish(D(2025, 1, 15));
        Assert.True(offer.IsPublished);
    }

    [Fact]
    public void A_scheduled_version_is_withdrawn()
    {
        var offer = FtthInitiale();
        var scheduled = Version(D(2026, 1, 1), 480.00m);
        offer.AddVersion(scheduled);

        var withdrawn = offer.WithdrawScheduledVersion(scheduled.Id, D(2025, 11, 20));

        Assert.Same(scheduled, withdrawn);
        Assert.Equal(2, offer.Versions.Count);
        Assert.DoesNotContain(scheduled, offer.Versions);
        Assert.Equal(460.00m, offer.VersionInForceOn(D(2026, 1, 1))?.MemberPrice);
    }

    [Fact]
    public void A_withdrawn_scheduled_version_may_be_replaced_by_one_on_another_date()
    {
        var offer = FtthInitiale();
        var scheduled = Version(D(2026, 1, 1), 480.00m);
        offer.AddVersion(scheduled);
        offer.WithdrawScheduledVersion(scheduled.Id, D(2025, 11, 20));

        offer.AddVersion(Version(D(2025, 12, 1), 475.00m));

        Assert.Equal(475.00m, offer.VersionInForceOn(D(2026, 1, 1))?.MemberPrice);
    }

    [Fact]
    public void A_scheduled_version_of_a_published_offer_is_withdrawn()
    {
        var offer = FtthInitiale();
        offer.Publish(D(2025, 11, 20));
        var scheduled = Version(D(2026, 1, 1), 480.00m);
        offer.AddVersion(scheduled);

        offer.WithdrawScheduledVersion(scheduled.Id, D(2025, 11, 20));

        Assert.True(offer.IsPublished);
        Assert.Equal(2, offer.Versions.Count);
    }

    [Theory]
    [InlineData(2024, 10, 7)]
    [InlineData(2025, 1, 15)]
    public void A_version_in_force_is_not_withdrawn(int y, int m, int d)
    {
        var offer = FtthInitiale();
        var inForce = offer.Versions.Single(v => v.EffectiveFrom == D(2024, 10, 7));

        var error = Assert.Throws<DomainException>(() => offer.WithdrawScheduledVersion(inForce.Id, D(y, m, d)));

        Assert.Equal("Un tarif déjà entré en vigueur ne peut plus être modifié ni retiré : votez une nouvelle version.", error.Message);
        Assert.Equal(2, offer.Versions.Count);
    }

    [Fact]
    public void Withdrawing_an_unknown_version_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => FtthInitiale().WithdrawScheduledVersion(Guid.NewGuid(), D(2025, 1, 1)));

        Assert.Equal("Version de tarif introuvable pour cette offre.", error.Message);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(1, 1)]
    [InlineData(3, 10)]
    public void Quantity_limits_are_set(int min, int? max)
    {
        var offer = EmptyOffer();

        offer.SetQuantityLimits(min, max);

        Assert.Equal(min, offer.MinQuantity);
        Assert.Equal(max, offer.MaxQuantity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_minimum_quantity_below_1_is_refused(int min)
    {
        var offer = EmptyOffer();

        var error = Assert.Throws<DomainException>(() => offer.SetQuantityLimits(min, null));

        Assert.Equal("La quantité minimale est d'au moins 1.", error.Message);
        Assert.Equal(1, offer.MinQuantity);
    }

    [Fact]
    public void A_maximum_quantity_below_the_minimum_is_refused()
    {
        var offer = EmptyOffer();

        var error = Assert.Throws<DomainException>(() => offer.SetQuantityLimits(5, 4));

        Assert.Equal("La quantité maximale est inférieure à la quantité minimale.", error.Message);
        Assert.Null(offer.MaxQuantity);
    }
}
