using System.Globalization;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue;

public class TariffVersionTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static readonly Deliberation Comite = new("Comité syndical", D(2024, 10, 7), "Délibération 1 (A)");

    /// <summary>The vault tariff of 07/10/2024 (35 / 40 € HT per year).</summary>
    private static TariffTerms PerUnit() => new()
    {
        Deliberation = Comite,
        EffectiveFrom = D(2024, 10, 7),
        Model = PricingModel.PerUnitPerYear,
        Vat = VatCategory.Standard,
        MemberPrice = 35.00m,
        NonMemberPrice = 40.00m,
    };

    /// <summary>The accounting-flows tariff of the 2017 budget (0.07 / 0.05 € per inhabitant, 50 to 5 000 € HT).</summary>
    private static TariffTerms PerInhabitant() => new()
    {
        Deliberation = new Deliberation("Bureau", D(2016, 11, 28), "Budget primitif 2017"),
        EffectiveFrom = D(2017, 1, 1),
        Model = PricingModel.PerInhabitantPerYear,
        Vat = VatCategory.Standard,
        CommuneRate = 0.07m,
        EpciRate = 0.05m,
        Floor = 50.00m,
        Cap = 5000.00m,
    };

    private static string Refused(TariffTerms terms) => Assert.Throws<DomainException>(() => TariffVersion.Create(terms)).Message;

    [Fact]
    public void A_voted_per_unit_tariff_is_created_with_its_terms()
    {
        var version = TariffVersion.Create(PerUnit() with { SetupFee = new SetupFee(7, 75.00m, 90.00m) });

        Assert.NotEqual(Guid.Empty, version.Id);
        Assert.Equal(D(2024, 10, 7), version.EffectiveFrom);
        Assert.Equal(PricingModel.PerUnitPerYear, version.Model);
        Assert.Equal(VatCategory.Standard, version.Vat);
        Assert.Equal(35.00m, version.UnitPrice(PriceList.Member));
        Assert.Equal(40.00m, version.UnitPrice(PriceList.NonMember));
        Assert.Equal(new SetupFee(7, 75.00m, 90.00m), version.SetupFee);
        Assert.Equal(Comite, version.Deliberation);
    }

    [Fact]
    public void A_voted_per_inhabitant_tariff_is_created_with_its_floor_and_cap()
    {
        var version = TariffVersion.Create(PerInhabitant());

        Assert.Equal(0.07m, version.CommuneRate);
        Assert.Equal(0.05m, version.EpciRate);
        Assert.Null(version.DepartementRate);
        Assert.Equal(50.00m, version.Floor);
        Assert.Equal(5000.00m, version.Cap);
    }

    [Fact]
    public void The_deliberation_body_and_reference_are_trimmed()
    {
        var version = TariffVersion.Create(PerUnit() with { Deliberation = new Deliberation("  Comité syndical ", D(2024, 10, 7), " Délibération 1 (A)  ") });

        Assert.Equal("Comité syndical", version.Deliberation.Body);
        Assert.Equal("Délibération 1 (A)", version.Deliberation.Reference);
    }

    [Fact]
    public void A_member_only_tariff_has_no_non_member_price()
    {
        var version = TariffVersion.Create(PerUnit() with { MemberPrice = 430.00m, NonMemberPrice = null });

        Assert.Equal(430.00m, version.UnitPrice(PriceList.Member));
        Assert.Null(version.UnitPrice(PriceList.NonMember));
    }

    [Fact]
    public void A_tariff_may_take_effect_on_the_day_of_its_deliberation()
    {
        var version = TariffVersion.Create(PerUnit() with { Deliberation = Comite with { Date = D(2024, 10, 7) }, EffectiveFrom = D(2024, 10, 7) });

        Assert.Equal(version.Deliberation.Date, version.EffectiveFrom);
    }

    public static TheoryData<decimal?, decimal?> NonPositivePrices => new()
    {
        { 0m, 40m },
        { -35m, 40m },
        { 35m, 0m },
        { 35m, -40m },
        { null, 0m },
    };

    [Theory]
    [MemberData(nameof(NonPositivePrices))]
    public void A_zero_or_negative_price_is_refused(decimal? member, decimal? nonMember)
    {
        var message = Refused(PerUnit() with { MemberPrice = member, NonMemberPrice = nonMember });

        Assert.Contains("Un prix doit être strictement positif.", message);
    }

    [Fact]
    public void A_per_unit_tariff_without_any_price_is_refused()
    {
        var message = Refused(PerUnit() with { MemberPrice = null, NonMemberPrice = null });

        Assert.Contains("Indiquez au moins un prix (membre ou non-membre).", message);
    }

    [Fact]
    public void A_flat_per_site_tariff_without_any_price_is_refused()
    {
        var message = Refused(PerUnit() with { Model = PricingModel.FlatPerSitePerYear, MemberPrice = null, NonMemberPrice = null });

        Assert.Contains("Indiquez au moins un prix", message);
    }

    [Fact]
    public void A_floor_above_the_cap_is_refused()
    {
        var message = Refused(PerInhabitant() with { Floor = 6000.00m, Cap = 5000.00m });

        Assert.Contains("Le minimum", message);
        Assert.Contains("dépasse le plafond", message);
    }

    [Fact]
    public void A_floor_equal_to_the_cap_is_accepted()
    {
        var version = TariffVersion.Create(PerInhabitant() with { Floor = 50.00m, Cap = 50.00m });

        Assert.Equal(version.Floor, version.Cap);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(null, -1)]
    public void A_negative_floor_or_cap_is_refused(int? floor, int? cap)
    {
        var message = Refused(PerInhabitant() with { Floor = floor, Cap = cap });

        Assert.Contains("Le minimum et le plafond ne peuvent pas être négatifs.", message);
    }

    [Theory]
    [InlineData(50, null)]
    [InlineData(null, 5000)]
    public void A_floor_or_cap_on_a_per_unit_model_is_refused(int? floor, int? cap)
    {
        var message = Refused(PerUnit() with { Floor = floor, Cap = cap });

        Assert.Contains("Le minimum et le plafond ne s'appliquent qu'aux tarifs par habitant.", message);
    }

    [Fact]
    public void A_per_inhabitant_tariff_without_a_rate_is_refused()
    {
        var message = Refused(PerInhabitant() with { CommuneRate = null, EpciRate = null, DepartementRate = null, PayerRates = [] });

        Assert.Contains("Un tarif par habitant demande au moins un taux.", message);
    }

    [Fact]
    public void A_per_inhabitant_tariff_with_only_named_payers_is_accepted()
    {
        var version = TariffVersion.Create(PerInhabitant() with
        {
            CommuneRate = null,
            EpciRate = null,
            PayerRates = [new PayerRate("228000014", "Département de la Somme", 0.50m)],
        });

        Assert.Single(version.PayerRates);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.07)]
    public void A_zero_or_negative_rate_is_refused(double rate)
    {
        var message = Refused(PerInhabitant() with { CommuneRate = (decimal)rate });

        Assert.Contains("Un taux par habitant doit être strictement positif.", message);
    }

    [Fact]
    public void A_zero_named_payer_rate_is_refused()
    {
        var message = Refused(PerInhabitant() with { PayerRates = [new PayerRate("228000014", "Département de la Somme", 0m)] });

        Assert.Contains("Un taux par habitant doit être strictement positif.", message);
    }

    [Theory]
    [InlineData("228000015")]
    [InlineData("22800001")]
    [InlineData("22800001A")]
    [InlineData("")]
    public void A_named_payer_with_an_invalid_SIREN_is_refused(string siren)
    {
        var message = Refused(PerInhabitant() with { PayerRates = [new PayerRate(siren, "Département de la Somme", 0.50m)] });

        Assert.Contains("Un payeur nommé doit avoir un SIREN valide.", message);
    }

    public static TheoryData<int, decimal, decimal> InvalidSetupFees => new()
    {
        { 0, 75m, 90m },
        { -7, 75m, 90m },
        { 7, 0m, 90m },
        { 7, 75m, -90m },
    };

    [Theory]
    [MemberData(nameof(InvalidSetupFees))]
    public void A_setup_fee_with_a_block_below_1_or_a_non_positive_amount_is_refused(int blockSize, decimal member, decimal nonMember)
    {
        var message = Refused(PerUnit() with { SetupFee = new SetupFee(blockSize, member, nonMember) });

        Assert.Contains("Les frais de mise en service demandent une taille de tranche d'au moins 1 et des montants strictement positifs.", message);
    }

    [Fact]
    public void A_deliberation_dated_after_the_effective_date_is_refused()
    {
        var message = Refused(PerUnit() with { Deliberation = Comite with { Date = D(2024, 10, 8) }, EffectiveFrom = D(2024, 10, 7) });

        Assert.Contains("Un tarif ne peut pas entrer en vigueur avant la délibération qui l'adopte.", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_deliberation_body_is_refused(string body)
    {
        var message = Refused(PerUnit() with { Deliberation = Comite with { Body = body } });

        Assert.Contains("L'instance qui a délibéré est obligatoire.", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_deliberation_reference_is_refused(string reference)
    {
        var message = Refused(PerUnit() with { Deliberation = Comite with { Reference = reference } });

        Assert.Contains("La référence de la délibération est obligatoire.", message);
    }

    [Fact]
    public void Every_broken_rule_is_named_in_one_message()
    {
        var message = Refused(PerUnit() with
        {
            Deliberation = new Deliberation(" ", D(2025, 1, 1), "Délibération 1 (A)"),
            MemberPrice = 0m,
            Floor = 50m,
        });

        Assert.Contains("L'instance qui a délibéré est obligatoire.", message);
        Assert.Contains("Un tarif ne peut pas entrer en vigueur avant la délibération qui l'adopte.", message);
        Assert.Contains("Un prix doit être strictement positif.", message);
        Assert.Contains("Le minimum et le plafond ne s'appliquent qu'aux tarifs par habitant.", message);
    }

    [Fact]
    public void A_named_payer_rate_wins_over_the_rate_of_its_kind()
    {
        var version = VotedCatalogue.Cotisation().Offers.Single().Versions.Single();

        Assert.Equal(0.70m, version.RateFor(CatalogueTenants.AmiensMetropole()));
        Assert.Equal(0.50m, version.RateFor(CatalogueTenants.Departement()));
        Assert.Equal(0.65m, version.RateFor(CatalogueTenants.BaieDeSomme()));
        Assert.Null(version.RateFor(CatalogueTenants.Abbeville(24)));
    }

    [Theory]
    [InlineData(TenantKind.Commune, 0.07)]
    [InlineData(TenantKind.CommunauteAgglomeration, 0.05)]
    [InlineData(TenantKind.CommunauteCommunes, 0.05)]
    [InlineData(TenantKind.CommunauteUrbaine, 0.05)]
    [InlineData(TenantKind.Metropole, 0.05)]
    public void The_rate_of_a_tenant_is_that_of_its_kind(TenantKind kind, double rate)
    {
        var version = TariffVersion.Create(PerInhabitant());
        var tenant = Tenant.Create(kind, "Collectivité", Siren.Parse(CatalogueTenants.TernoisSiren), kind == TenantKind.Commune ? "80810" : null);

        Assert.Equal((decimal)rate, version.RateFor(tenant));
    }

    [Theory]
    [InlineData(TenantKind.Departement)]
    [InlineData(TenantKind.EtablissementPublic)]
    public void A_kind_without_a_rate_has_no_rate(TenantKind kind)
    {
        var version = TariffVersion.Create(PerInhabitant());
        var tenant = Tenant.Create(kind, "Collectivité", Siren.Parse(CatalogueTenants.DepartementSiren));

        Assert.Null(version.RateFor(tenant));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(6, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    [InlineData(14, 2)]
    [InlineData(15, 3)]
    [InlineData(21, 3)]
    [InlineData(22, 4)]
    public void A_setup_fee_is_due_per_started_block_of_7(int quantity, int blocks)
    {
        Assert.Equal(blocks, new SetupFee(7, 75.00m, 90.00m).BlocksFor(quantity));
    }

    [Fact]
    public void A_setup_fee_amount_depends_on_the_price_list()
    {
        var fee = new SetupFee(7, 75.00m, 90.00m);

        Assert.Equal(75.00m, fee.AmountFor(PriceList.Member));
        Assert.Equal(90.00m, fee.AmountFor(PriceList.NonMember));
    }

    [Fact]
    public void A_deliberation_reads_as_body_date_and_reference()
    {
        Assert.Equal("Comité syndical du 07/10/2024 — Délibération 1 (A)", Comite.ToString());
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("nl-NL")]
    public void A_deliberation_reads_dd_MM_yyyy_whatever_the_server_culture(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal("Comité syndical du 07/10/2024 — Délibération 1 (A)", Comite.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void An_undated_deliberation_reads_as_body_and_reference()
    {
        Assert.Equal("Comité syndical — Budget primitif 2019", new Deliberation("Comité syndical", null, "Budget primitif 2019").ToString());
    }

    [Fact]
    public void An_undated_deliberation_adopts_a_tariff()
    {
        var version = TariffVersion.Create(PerUnit() with { Deliberation = new Deliberation("Comité syndical", null, "Charte ENT") });

        Assert.Null(version.Deliberation.Date);
    }

    [Fact]
    public void The_VAT_categories_have_their_rate_and_invoice_mention()
    {
        Assert.Equal(0.20m, VatCategory.Standard.Rate());
        Assert.Equal(0m, VatCategory.OutOfScope.Rate());
        Assert.Equal("TVA 20 %", VatCategory.Standard.Mention());
        Assert.Equal("TVA non applicable", VatCategory.OutOfScope.Mention());
    }

    [Theory]
    [InlineData(2.915, 2.92)]
    [InlineData(2.925, 2.93)]
    [InlineData(-2.925, -2.93)]
    [InlineData(2.9166, 2.92)]
    public void Money_is_rounded_half_away_from_zero_to_the_cent(double amount, double rounded)
    {
        Assert.Equal((decimal)rounded, Money.Round((decimal)amount));
    }
}
