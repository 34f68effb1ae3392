using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue;

public class CatalogueItemTests
{
    private static CatalogueItem Vault() => CatalogueItem.Create("COFFRE-FORT", "Coffre-fort de mots de passe", "coffre (agent)", "706");

    [Theory]
    [InlineData("coffre-fort", "COFFRE-FORT")]
    [InlineData("  Coffre-Fort  ", "COFFRE-FORT")]
    [InlineData("ftth-exclusive-100m", "FTTH-EXCLUSIVE-100M")]
    [InlineData("ENT", "ENT")]
    [InlineData("AB", "AB")]
    public void A_code_is_trimmed_and_upper_cased(string code, string normalized)
    {
        Assert.Equal(normalized, CatalogueItem.Create(code, "Service", "unité", "706").Code);
        Assert.Equal(normalized, CatalogueCodes.Normalize(code));
    }

    [Fact]
    public void A_code_of_40_characters_is_accepted()
    {
        var code = new string('A', 40);

        Assert.Equal(code, CatalogueCodes.Normalize(code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A")]
    [InlineData("COFFRE FORT")]
    [InlineData("COFFRE_FORT")]
    [InlineData("COFFRE.FORT")]
    [InlineData("SÉCURITÉ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void An_invalid_code_is_refused_in_French(string code)
    {
        var error = Assert.Throws<DomainException>(() => CatalogueItem.Create(code, "Service", "unité", "706"));

        Assert.Equal($"Le code « {code} » n'est pas valide : 2 à 40 caractères parmi A-Z, 0-9 et « - ».", error.Message);
    }

    [Fact]
    public void An_item_is_created_with_its_name_unit_and_account()
    {
        var item = Vault();

        Assert.NotEqual(Guid.Empty, item.Id);
        Assert.Equal("COFFRE-FORT", item.Code);
        Assert.Equal("Coffre-fort de mots de passe", item.Name);
        Assert.Equal("coffre (agent)", item.UnitLabel);
        Assert.Equal("706", item.NatureAccount);
        Assert.Null(item.Description);
        Assert.Null(item.Source);
        Assert.False(item.FirstYearFree);
        Assert.Same(EligibilityRules.Anyone, item.Eligibility);
        Assert.Equal(BillingAlignment.CalendarYear, item.BillingAlignment);
        Assert.Empty(item.Components);
        Assert.Empty(item.Offers);
        Assert.Equal(0, item.CommitmentMonths);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_name_is_refused(string name)
    {
        var error = Assert.Throws<DomainException>(() => CatalogueItem.Create("COFFRE-FORT", name, "coffre", "706"));

        Assert.Equal("Le nom du service est obligatoire.", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_unit_is_refused(string unit)
    {
        var error = Assert.Throws<DomainException>(() => CatalogueItem.Create("COFFRE-FORT", "Coffre-fort", unit, "706"));

        Assert.Equal("L'unité de facturation est obligatoire (coffre, agent, site...).", error.Message);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("70A")]
    [InlineData("12345678901")]
    [InlineData("")]
    public void An_invalid_nature_account_is_refused(string account)
    {
        var error = Assert.Throws<DomainException>(() => CatalogueItem.Create("COFFRE-FORT", "Coffre-fort", "coffre", account));

        Assert.Equal("Le compte de nature est un numéro de 2 à 10 chiffres (ex. 706).", error.Message);
    }

    [Fact]
    public void Describing_an_item_trims_and_drops_blank_texts()
    {
        var item = Vault();

        item.Describe("coffre-fort", " Coffre-fort ", "   ", " coffre ", " 003 ");

        Assert.Equal("COFFRE-FORT", item.Code);
        Assert.Equal("Coffre-fort", item.Name);
        Assert.Null(item.Description);
        Assert.Equal("coffre", item.UnitLabel);
        Assert.Equal("003", item.Source);
    }

    [Fact]
    public void An_offer_code_is_normalized()
    {
        var offer = Vault().AddOffer(" coffre-fort ", " Coffre-fort ", " 1 coffre = 1 agent ");

        Assert.Equal("COFFRE-FORT", offer.Code);
        Assert.Equal("Coffre-fort", offer.Name);
        Assert.Equal("1 coffre = 1 agent", offer.Description);
    }

    [Fact]
    public void An_offer_with_an_invalid_code_or_a_blank_name_is_refused()
    {
        var item = Vault();

        Assert.Throws<DomainException>(() => item.AddOffer("OFFRE INITIALE", "Offre initiale"));
        var error = Assert.Throws<DomainException>(() => item.AddOffer("INITIALE", " "));
        Assert.Equal("Le nom de l'offre est obligatoire.", error.Message);
        Assert.Empty(item.Offers);
    }

    [Theory]
    [InlineData("FTTH-INITIALE")]
    [InlineData("ftth-initiale")]
    public void A_duplicate_offer_code_is_refused(string code)
    {
        var item = VotedCatalogue.FtthGfu();

        var error = Assert.Throws<DomainException>(() => item.AddOffer(code, "Autre offre"));

        Assert.Equal("L'offre FTTH-INITIALE existe déjà.", error.Message);
        Assert.Equal(5, item.Offers.Count);
    }

    [Fact]
    public void Renaming_an_offer_to_the_code_of_another_is_refused()
    {
        var item = VotedCatalogue.FtthGfu();
        var connect = item.Offers.Single(o => o.Code == "FTTH-CONNECT");

        var error = Assert.Throws<DomainException>(() => item.RenameOffer(connect.Id, "ftth-initiale", "Offre connect", null));

        Assert.Equal("L'offre FTTH-INITIALE existe déjà.", error.Message);
        Assert.Equal("FTTH-CONNECT", connect.Code);
    }

    [Fact]
    public void An_offer_is_renamed_keeping_or_changing_its_code()
    {
        var item = VotedCatalogue.FtthGfu();
        var connect = item.Offers.Single(o => o.Code == "FTTH-CONNECT");

        item.RenameOffer(connect.Id, "FTTH-CONNECT", "Offre connect (fibre mutualisée)", "Fibre mutualisée");
        Assert.Equal("Fibre mutualisée", connect.Description);

        item.RenameOffer(connect.Id, "ftth-connect-2", "Offre connect", null);
        Assert.Equal("FTTH-CONNECT-2", connect.Code);
    }

    [Fact]
    public void An_unknown_offer_is_not_found()
    {
        var error = Assert.Throws<DomainException>(() => Vault().OfferById(Guid.NewGuid()));

        Assert.Equal("Offre introuvable dans ce service.", error.Message);
    }

    [Theory]
    [InlineData("COFFRE-FORT", 36)]
    [InlineData("PACK-CYBER", 36)]
    [InlineData("PACK-HAUTE-SECURITE", 36)]
    [InlineData("FTTH-GFU", 0)]
    [InlineData("DEMAT-FLUX-COMPTABLES", 0)]
    [InlineData("COTISATION", 0)]
    [InlineData("ENT", 0)]
    public void The_commitment_is_the_longest_of_the_components(string code, int months)
    {
        Assert.Equal(months, VotedCatalogue.All().Single(i => i.Code == code).CommitmentMonths);
    }

    [Fact]
    public void The_cybersecurity_pack_has_its_components_with_their_own_commitments()
    {
        var pack = VotedCatalogue.PackCyber();

        Assert.Equal(
            new[] { new ServiceComponent("ANTIVIRUS", "Licence antivirus WithSecure", 36), new ServiceComponent("COFFRE-FORT", "Coffre-fort de mot de passe", 12) },
            pack.Components);
        Assert.Equal(36, pack.CommitmentMonths);
    }

    [Fact]
    public void Components_are_normalized_and_replace_the_previous_ones()
    {
        var item = Vault();
        item.SetComponents([new ServiceComponent("ANTIVIRUS", "Antivirus", 36), new ServiceComponent("ASSISTANCE", "Assistance", 36)]);

        item.SetComponents([new ServiceComponent(" coffre-fort ", " Coffre-fort ", 12)]);

        Assert.Equal(new[] { new ServiceComponent("COFFRE-FORT", "Coffre-fort", 12) }, item.Components);
        Assert.Equal(12, item.CommitmentMonths);
    }

    [Fact]
    public void No_components_means_no_commitment()
    {
        var item = VotedCatalogue.PackCyber();

        item.SetComponents([]);

        Assert.Empty(item.Components);
        Assert.Equal(0, item.CommitmentMonths);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(121)]
    public void A_component_commitment_outside_0_to_120_months_is_refused(int months)
    {
        var item = VotedCatalogue.PackCyber();

        var error = Assert.Throws<DomainException>(() => item.SetComponents([new ServiceComponent("ANTIVIRUS", "Antivirus", months)]));

        Assert.Equal("Un engagement va de 0 à 120 mois.", error.Message);
        Assert.Equal(2, item.Components.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(120)]
    public void A_component_commitment_of_0_or_120_months_is_accepted(int months)
    {
        var item = Vault();

        item.SetComponents([new ServiceComponent("ANTIVIRUS", "Antivirus", months)]);

        Assert.Equal(months, item.CommitmentMonths);
    }

    [Fact]
    public void A_component_without_a_name_is_refused()
    {
        var item = VotedCatalogue.PackCyber();

        var error = Assert.Throws<DomainException>(() => item.SetComponents([new ServiceComponent("ANTIVIRUS", "  ", 36)]));

        Assert.Equal("Chaque composant a un nom.", error.Message);
        Assert.Equal(2, item.Components.Count);
    }

    [Fact]
    public void Two_components_with_the_same_code_are_refused()
    {
        var item = VotedCatalogue.PackCyber();

        var error = Assert.Throws<DomainException>(() => item.SetComponents(
            [new ServiceComponent("ANTIVIRUS", "Antivirus", 36), new ServiceComponent("antivirus", "Antivirus bis", 12)]));

        Assert.Equal("Deux composants ont le même code.", error.Message);
        Assert.Equal(2, item.Components.Count);
    }

    [Fact]
    public void A_component_with_an_invalid_code_is_refused()
    {
        Assert.Throws<DomainException>(() => Vault().SetComponents([new ServiceComponent("COFFRE FORT", "Coffre-fort", 36)]));
    }

    [Fact]
    public void Rules_are_set()
    {
        var item = Vault();
        var rules = new EligibilityRules(MembershipRequirement.MembersAndTheirCommunes, 25);

        item.SetRules(true, rules, BillingAlignment.SchoolYear, true);

        Assert.True(item.FirstYearFree);
        Assert.Same(rules, item.Eligibility);
        Assert.Equal(BillingAlignment.SchoolYear, item.BillingAlignment);
        Assert.True(item.EpciMaySubscribeForCommunes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-25)]
    public void A_workstation_limit_below_1_is_refused(int limit)
    {
        var item = Vault();

        var error = Assert.Throws<DomainException>(() =>
            item.SetRules(false, new EligibilityRules(MaxWorkstationsExclusive: limit), BillingAlignment.CalendarYear, false));

        Assert.Equal("La limite de postes doit être d'au moins 1.", error.Message);
        Assert.Same(EligibilityRules.Anyone, item.Eligibility);
    }

    [Fact]
    public void The_voted_catalogue_holds_the_facts_of_the_seeds()
    {
        var items = VotedCatalogue.All().ToDictionary(i => i.Code);

        Assert.Equal(
            new[] { "COFFRE-FORT", "PACK-CYBER", "PACK-HAUTE-SECURITE", "FTTH-GFU", "DEMAT-FLUX-COMPTABLES", "COTISATION", "ENT" },
            items.Keys);
        Assert.True(items["COFFRE-FORT"].FirstYearFree);
        Assert.All(items.Values.Where(i => i.Code != "COFFRE-FORT"), i => Assert.False(i.FirstYearFree));
        Assert.Equal(25, items["PACK-HAUTE-SECURITE"].Eligibility.MaxWorkstationsExclusive);
        Assert.Equal(MembershipRequirement.MembersAndTheirCommunes, items["FTTH-GFU"].Eligibility.Membership);
        Assert.Equal(MembershipRequirement.DirectMembersOnly, items["COTISATION"].Eligibility.Membership);
        Assert.Equal(BillingAlignment.SchoolYear, items["ENT"].BillingAlignment);
        Assert.Equal(
            new[] { "FTTH-INITIALE", "FTTH-CONNECT", "FTTH-EXCLUSIVE-100M", "FTTH-EXCLUSIVE-1G", "FTTH-EXCLUSIVE-10G" },
            items["FTTH-GFU"].Offers.Select(o => o.Code));
        Assert.All(items["FTTH-GFU"].Offers.Where(o => o.Code is "FTTH-CONNECT" or "FTTH-EXCLUSIVE-1G" or "FTTH-EXCLUSIVE-10G"),
            o => Assert.Empty(o.Versions));
    }

    [Fact]
    public void Every_voted_version_is_adopted_by_a_deliberation_not_after_its_effective_date()
    {
        foreach (var version in VotedCatalogue.All().SelectMany(i => i.Offers).SelectMany(o => o.Versions))
        {
            Assert.False(string.IsNullOrWhiteSpace(version.Deliberation.Body));
            Assert.False(string.IsNullOrWhiteSpace(version.Deliberation.Reference));
            Assert.True(version.Deliberation.Date is null || version.Deliberation.Date <= version.EffectiveFrom);
        }
    }

    [Fact]
    public void Deliberations_without_a_day_in_the_seeds_are_undated()
    {
        var undated = VotedCatalogue.All().SelectMany(i => i.Offers).SelectMany(o => o.Versions)
            .Where(v => v.Deliberation.Date is null)
            .Select(v => v.Deliberation.Reference);

        Assert.Equal(
            new[] { "Contribution annuelle GFU (rapport d'activité 2019)", "Budget primitif 2019", "Charte ENT", "Charte ENT, année scolaire 2018-2019" },
            undated);
    }

    [Fact]
    public void Every_priced_offer_of_the_voted_catalogue_may_be_published_today()
    {
        var today = new DateOnly(2025, 6, 2);
        foreach (var offer in VotedCatalogue.All().SelectMany(i => i.Offers).Where(o => o.Versions.Count > 0))
        {
            offer.Publish(today);
            Assert.True(offer.IsPublished);
        }
    }
}
