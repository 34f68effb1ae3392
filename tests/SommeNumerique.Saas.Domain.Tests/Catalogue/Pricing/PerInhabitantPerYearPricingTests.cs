using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue.Pricing;

/// <summary>
/// Per inhabitant per year: rate (by kind, or a named payer's) × population of the year, rounded, then floor or cap.
/// DEMAT-FLUX-COMPTABLES: 0.07 commune, 0.05 EPCI, floor 50, cap 5 000 € HT. COTISATION: 0.65 EPCI, 0.50 Département,
/// 0.70 CA Amiens Métropole, neither floor nor cap.
/// </summary>
public class PerInhabitantPerYearPricingTests
{
    private static readonly PricingStrategy Strategy = PricingStrategies.For(PricingModel.PerInhabitantPerYear);
    private static TariffVersion Demat() => VotedCatalogue.DematFluxComptables().Offers[0].Versions[0];
    private static TariffVersion Cotisation() => VotedCatalogue.Cotisation().Offers[0].Versions[0];

    [Fact]
    public void It_is_the_strategy_of_the_per_inhabitant_model()
    {
        Assert.IsType<PerInhabitantPerYearPricing>(Strategy);
        Assert.Equal(PricingModel.PerInhabitantPerYear, Strategy.Model);
    }

    [Fact]
    public void Rate_of_the_kind_times_the_population_between_floor_and_cap()
    {
        // Abbeville, commune: 22 395 × 0.07 = 1 567.65 € HT.
        var price = Strategy.Price(Demat(), CatalogueTenants.Abbeville(24), PriceList.Member, 1, 2026);

        Assert.True(price.PerInhabitant);
        Assert.Equal((0.07m, 22395, 1567.65m, 1567.65m), (price.UnitPrice, price.Quantity, price.BaseHt, price.AnnualHt));
        Assert.Equal(PriceLimitKind.None, price.Limit.Kind);
    }

    [Fact]
    public void Under_the_floor_the_annual_amount_is_the_floor()
    {
        // Cachy, 300 inhabitants × 0.07 = 21.00; floor 50.00: + 29.00.
        var price = Strategy.Price(Demat(), CatalogueTenants.Cachy(), PriceList.Member, 1, 2026);

        Assert.Equal(21.00m, price.BaseHt);
        Assert.Equal(new PriceLimit(PriceLimitKind.Floor, 50.00m, 29.00m), price.Limit);
        Assert.Equal("Minimum de perception", price.Limit.Name);
        Assert.Equal(50.00m, price.AnnualHt);
    }

    [Fact]
    public void Over_the_cap_the_annual_amount_is_the_cap()
    {
        // Amiens, 133 000 × 0.07 = 9 310.00; cap 5 000.00: − 4 310.00.
        var price = Strategy.Price(Demat(), CatalogueTenants.Amiens(), PriceList.Member, 1, 2026);

        Assert.Equal(9310.00m, price.BaseHt);
        Assert.Equal(new PriceLimit(PriceLimitKind.Cap, 5000.00m, -4310.00m), price.Limit);
        Assert.Equal("Plafond", price.Limit.Name);
        Assert.Equal(5000.00m, price.AnnualHt);
    }

    [Fact]
    public void A_named_payer_has_its_own_rate()
    {
        // CA Amiens Métropole is named at 0.70 (other EPCI: 0.65): 180 000 (2024 on) × 0.70 = 126 000.00.
        var metropole = Strategy.Price(Cotisation(), CatalogueTenants.AmiensMetropole(), PriceList.Member, 1, 2026);
        var baie = Strategy.Price(Cotisation(), CatalogueTenants.BaieDeSomme(), PriceList.Member, 1, 2026);

        Assert.Equal((0.70m, 180000, 126000.00m), (metropole.UnitPrice, metropole.Quantity, metropole.AnnualHt));
        Assert.Equal((0.65m, 48643, 31617.95m), (baie.UnitPrice, baie.Quantity, baie.AnnualHt));
    }

    [Fact]
    public void The_population_is_that_of_the_year_asked()
    {
        // CA de la Baie de Somme: 51 060 until 2023, 48 643 from 2024; × 0.05.
        Assert.Equal(2553.00m, Strategy.Price(Demat(), CatalogueTenants.BaieDeSomme(), PriceList.Member, 1, 2023).AnnualHt);
        Assert.Equal(2432.15m, Strategy.Price(Demat(), CatalogueTenants.BaieDeSomme(), PriceList.Member, 1, 2024).AnnualHt);
    }

    [Fact]
    public void The_base_is_rounded_to_the_cent()
    {
        var version = TariffVersion.Create(new TariffTerms
        {
            Deliberation = new Deliberation("Bureau", new DateOnly(2025, 12, 1), "Scénario de test"),
            EffectiveFrom = new DateOnly(2026, 1, 1),
            Model = PricingModel.PerInhabitantPerYear,
            Vat = VatCategory.Standard,
            CommuneRate = 0.0725m,
        });

        // 22 395 × 0.0725 = 1 623.6375 → 1 623.64.
        Assert.Equal(1623.64m, Strategy.Price(version, CatalogueTenants.Abbeville(24), PriceList.Member, 1, 2026).BaseHt);
    }

    [Fact]
    public void The_price_list_and_the_units_do_not_matter()
    {
        var member = Strategy.Price(Demat(), CatalogueTenants.Abbeville(24), PriceList.Member, 1, 2026);
        var nonMember = Strategy.Price(Demat(), CatalogueTenants.Abbeville(24), PriceList.NonMember, 7, 2026);

        Assert.Equal(member, nonMember);
        Assert.Equal(0m, Strategy.UnitPriceOf(Demat(), PriceList.NonMember));
    }

    [Fact]
    public void No_rate_for_the_kind_of_tenant_cannot_be_priced()
    {
        var ccas = Tenant.Create(TenantKind.EtablissementPublic, "CCAS d'Abbeville", Siren.Parse(CatalogueTenants.AbbevilleSiren));
        ccas.RecordPopulations(22395);

        Assert.Equal(PricingFailure.NoRateForTenant, Strategy.Price(Demat(), ccas, PriceList.NonMember, 1, 2026).Failure);
        // COTISATION has no commune rate.
        Assert.Equal(PricingFailure.NoRateForTenant, Strategy.Price(Cotisation(), CatalogueTenants.Cachy(), PriceList.Member, 1, 2026).Failure);
    }

    [Fact]
    public void A_missing_population_year_cannot_be_priced_even_when_other_years_are_recorded()
    {
        var commune = Tenant.Create(TenantKind.Commune, "Cachy", Siren.Parse(CatalogueTenants.CachySiren), "80159");
        commune.RecordPopulation(2025, 300, "INSEE");
        commune.RecordPopulation(2027, 310, "INSEE");

        var price = Strategy.Price(Demat(), commune, PriceList.Member, 1, 2026);

        Assert.False(price.Priced);
        Assert.Equal(PricingFailure.PopulationNotRecorded, price.Failure);
        Assert.Equal(50.00m, Strategy.Price(Demat(), commune, PriceList.Member, 1, 2025).AnnualHt); // 300 × 0.07 = 21 → floor
    }

    [Fact]
    public void The_rate_is_checked_before_the_population()
    {
        var ccas = Tenant.Create(TenantKind.EtablissementPublic, "CCAS sans population", Siren.Parse(CatalogueTenants.AbbevilleSiren));

        Assert.Equal(PricingFailure.NoRateForTenant, Strategy.Price(Demat(), ccas, PriceList.Member, 1, 2026).Failure);
    }
}
