using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>
/// Rule 5: each due month costs a twelfth of the annual price of its units; runs of consecutive months with the
/// same tariff, price list and units make one readable service line.
/// </summary>
public class ProrationRuleTests
{
    private const string VaultOffer = "Coffre-fort de mots de passe (1 coffre = 1 agent)";

    private static ChargeSheet Apply(Charge charge, ChargeSheet sheet, int year = 2026)
    {
        new ProrationRule().Apply(charge.For(year), sheet);
        return sheet;
    }

    private static Charge TenVaults(out TariffVersion version)
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        version = VersionOf(charge.Item, D(2026, 1, 1));
        return charge;
    }

    [Fact]
    public void Each_month_costs_a_twelfth_of_the_annual_price_of_its_units()
    {
        var charge = TenVaults(out var version);

        var sheet = Apply(charge, Sheet(D(2026, 1, 1), D(2026, 12, 1), Priced(version, PriceList.Member, units: 10)));

        // 35.00 × 10 / 12 = 29.1666… per month, not rounded here (rounding is the last rule).
        Assert.All(sheet.Months, m => Assert.Equal(35.00m * 10 / 12m, m.AmountHt));
    }

    [Fact]
    public void Twelve_identical_months_make_one_service_line_with_a_readable_french_label()
    {
        var charge = TenVaults(out var version);

        var sheet = Apply(charge, Sheet(D(2026, 1, 1), D(2026, 12, 1), Priced(version, PriceList.Member, units: 10)));

        var line = Assert.Single(sheet.Lines);
        Assert.Equal(ChargeLineKind.Service, line.Kind);
        Assert.Equal($"{VaultOffer} — 10 × coffre (agent), tarif membre, 12 mois du 01/01/2026 au 31/12/2026", line.Label);
        Assert.Contains("10 × ", line.Label);
        Assert.Contains("tarif membre", line.Label);
        Assert.Contains("12 mois du 01/01/2026 au 31/12/2026", line.Label);
        Assert.Equal((D(2026, 1, 1), D(2026, 12, 1), 12), (line.FromMonth, line.ToMonth, line.MonthCount));
        Assert.Equal((10, 10m, 35.00m), (line.Units, line.Quantity, line.UnitPriceHt));
        Assert.Equal(PriceList.Member, line.PriceList);
        Assert.Same(version, line.Version);
        Assert.Equal(sheet.Months.Sum(m => m.AmountHt), line.AmountHt);
        Assert.Equal(350.00m, Money.Round(line.AmountHt));
    }

    [Fact]
    public void A_change_of_units_starts_a_new_line()
    {
        var charge = TenVaults(out var version);
        var sheet = Sheet(D(2026, 1, 1), D(2026, 12, 1), Priced(version, PriceList.Member, units: 10));
        foreach (var month in sheet.Months.Where(m => m.Month >= D(2026, 4, 1))) month.Units = 15;

        Apply(charge, sheet);

        Assert.Collection(sheet.Lines,
            first =>
            {
                Assert.EndsWith("10 × coffre (agent), tarif membre, 3 mois du 01/01/2026 au 31/03/2026", first.Label);
                Assert.Equal(35.00m * 10 * 3 / 12, Money.Round(first.AmountHt)); // 87.50
            },
            second =>
            {
                Assert.EndsWith("15 × coffre (agent), tarif membre, 9 mois du 01/04/2026 au 31/12/2026", second.Label);
                Assert.Equal(35.00m * 15 * 9 / 12, Money.Round(second.AmountHt)); // 393.75
            });
    }

    [Fact]
    public void A_change_of_price_list_starts_a_new_line()
    {
        var charge = TenVaults(out var version);
        var sheet = Sheet(D(2026, 1, 1), D(2026, 12, 1), m =>
            Priced(version, m.Month < D(2026, 7, 1) ? PriceList.Member : PriceList.NonMember, units: 10)(m));

        Apply(charge, sheet);

        Assert.Collection(sheet.Lines,
            member =>
            {
                Assert.Contains("tarif membre, 6 mois du 01/01/2026 au 30/06/2026", member.Label);
                Assert.Equal(175.00m, Money.Round(member.AmountHt)); // 35 × 10 × 6 / 12
            },
            nonMember =>
            {
                Assert.Contains("tarif non-membre, 6 mois du 01/07/2026 au 31/12/2026", nonMember.Label);
                Assert.Equal(PriceList.NonMember, nonMember.PriceList);
                Assert.Equal(200.00m, Money.Round(nonMember.AmountHt)); // 40 × 10 × 6 / 12
            });
    }

    [Fact]
    public void A_change_of_tariff_version_starts_a_new_line()
    {
        var charge = TenVaults(out var version);
        var revised = PerUnitVersion(D(2026, 3, 15), member: 38.00m, nonMember: 43.00m);
        charge.Offer.AddVersion(revised);
        var sheet = Sheet(D(2026, 1, 1), D(2026, 12, 1), m =>
            Priced(m.Month < D(2026, 4, 1) ? version : revised, PriceList.Member, units: 10)(m));

        Apply(charge, sheet);

        Assert.Equal(2, sheet.Lines.Count);
        Assert.Equal((3, 87.50m), (sheet.Lines[0].MonthCount, Money.Round(sheet.Lines[0].AmountHt)));    // 35 × 10 × 3 / 12
        Assert.Equal((9, 285.00m), (sheet.Lines[1].MonthCount, Money.Round(sheet.Lines[1].AmountHt)));   // 38 × 10 × 9 / 12
        Assert.Same(revised, sheet.Lines[1].Version);
        Assert.Equal(38.00m, sheet.Lines[1].UnitPriceHt);
    }

    [Fact]
    public void Months_that_are_not_consecutive_make_separate_lines()
    {
        // April to September were billed already (the quantity rule dropped them): what is left is two runs of
        // months, January-March and October-December. A single line "6 mois du 01/01/2026 au 31/12/2026" would
        // claim the months in between, and the next run's AlreadyBilled (read back from FromMonth..ToMonth) would
        // count April-September twice.
        var charge = TenVaults(out var version);
        var months = MonthsFrom(D(2026, 1, 1), D(2026, 3, 1)).Concat(MonthsFrom(D(2026, 10, 1), D(2026, 12, 1)));

        var sheet = Apply(charge, Sheet(months, Priced(version, PriceList.Member, units: 10)));

        Assert.Collection(sheet.Lines,
            winter =>
            {
                Assert.EndsWith("3 mois du 01/01/2026 au 31/03/2026", winter.Label);
                Assert.Equal((D(2026, 1, 1), D(2026, 3, 1)), (winter.FromMonth, winter.ToMonth));
            },
            autumn =>
            {
                Assert.EndsWith("3 mois du 01/10/2026 au 31/12/2026", autumn.Label);
                Assert.Equal((D(2026, 10, 1), D(2026, 12, 1)), (autumn.FromMonth, autumn.ToMonth));
            });
    }

    [Fact]
    public void A_per_inhabitant_line_is_population_times_rate_and_says_so()
    {
        // Abbeville: 22 395 inhabitants × 0.07 € (commune rate) = 1 567.65 € HT a year.
        var item = DematFluxComptables();
        var charge = Subscribe(Abbeville(), item, 1, D(2025, 1, 1));
        var version = VersionOf(item, D(2026, 1, 1));

        var sheet = Apply(charge, Sheet(D(2026, 1, 1), D(2026, 12, 1), Priced(version, PriceList.Member, units: 1)));

        Assert.All(sheet.Months, m =>
        {
            Assert.Equal((22395, 0.07m, 1567.65m), (m.Population, m.Rate, m.AnnualUnitPrice));
            Assert.Equal(1567.65m / 12m, m.AmountHt);
        });
        var line = Assert.Single(sheet.Lines);
        Assert.Equal("Dématérialisation des flux comptables — 22 395 habitants × 0,07 €, tarif membre, 12 mois du 01/01/2026 au 31/12/2026", line.Label);
        Assert.Equal((22395m, 0.07m), (line.Quantity, line.UnitPriceHt));
        Assert.Equal(1567.65m, Money.Round(line.AmountHt));
    }

    [Fact]
    public void A_per_inhabitant_line_uses_the_population_in_force_for_the_billed_year()
    {
        // CA de la Baie de Somme: 51 060 (2019), 48 643 (2024). In 2026 the 2024 figure applies: 48 643 × 0.05 = 2 432.15.
        var item = DematFluxComptables();
        var charge = Subscribe(BaieDeSomme(), item, 1, D(2025, 1, 1));

        var sheet = Apply(charge, Sheet(D(2026, 1, 1), D(2026, 12, 1), Priced(VersionOf(item, D(2026, 1, 1)), PriceList.Member, units: 1)));

        Assert.Contains("48 643 habitants × 0,05 €", Assert.Single(sheet.Lines).Label);
        Assert.Equal(2432.15m, Money.Round(sheet.Lines[0].AmountHt));
    }

    [Fact]
    public void The_annual_per_inhabitant_amount_is_rounded_to_the_cent_before_proration()
    {
        var item = CatalogueItem.Create("DEMAT-TEST", "Service par habitant (scénario de test)", "habitant", "706");
        var offer = item.AddOffer("DEMAT-TEST", "Service par habitant");
        var version = TariffVersion.Create(new TariffTerms
        {
            Deliberation = new Deliberation("Bureau", D(2025, 12, 1), "Scénario de test"),
            EffectiveFrom = D(2026, 1, 1),
            Model = PricingModel.PerInhabitantPerYear,
            Vat = VatCategory.Standard,
            CommuneRate = 0.0725m,
        });
        offer.AddVersion(version);
        var charge = Subscribe(Abbeville(), item, 1, D(2026, 1, 1));

        var sheet = Apply(charge, Sheet(D(2026, 1, 1), D(2026, 12, 1), Priced(version, PriceList.Member, units: 1)));

        // 22 395 × 0.0725 = 1 623.6375 → 1 623.64 a year; the label writes the 4-decimal rate.
        Assert.All(sheet.Months, m => Assert.Equal(1623.64m, m.AnnualUnitPrice));
        Assert.Contains("22 395 habitants × 0,0725 €", sheet.Lines[0].Label);
    }

    [Fact]
    public void A_per_inhabitant_tariff_with_no_rate_for_the_tenant_sets_the_charge_aside()
    {
        var item = DematFluxComptables();
        var charge = Subscribe(Ccas(), item, 1, D(2025, 1, 1));

        var sheet = Apply(charge, Sheet(D(2026, 1, 1), D(2026, 12, 1), Priced(VersionOf(item, D(2026, 1, 1)), PriceList.NonMember, units: 1)));

        Assert.Equal("DEMAT-FLUX-COMPTABLES : le tarif ne prévoit pas de taux pour CCAS d'Abbeville.", sheet.SetAsideReason);
        Assert.Empty(sheet.Lines);
    }

    [Fact]
    public void A_per_inhabitant_tariff_for_a_tenant_of_unknown_population_sets_the_charge_aside()
    {
        var item = DematFluxComptables();
        var charge = Subscribe(CommuneWithoutPopulation(), item, 1, D(2025, 1, 1));

        var sheet = Apply(charge, Sheet(D(2026, 1, 1), D(2026, 12, 1), Priced(VersionOf(item, D(2026, 1, 1)), PriceList.Member, units: 1)));

        Assert.Equal("DEMAT-FLUX-COMPTABLES : la population légale 2026 de Cachy n'est pas enregistrée ; charge mise de côté : "
            + "enregistrez la population de cette année (fiche de la collectivité ou import), aucune autre année n'est utilisée à sa place.", sheet.SetAsideReason);
        Assert.Empty(sheet.Lines);
    }

    [Fact]
    public void A_missing_year_is_set_aside_even_when_other_years_are_recorded()
    {
        var item = DematFluxComptables();
        var payer = CommuneWithoutPopulation();
        payer.Tenant.RecordPopulation(2025, 300, "INSEE");
        payer.Tenant.RecordPopulation(2027, 310, "INSEE");
        var charge = Subscribe(payer, item, 1, D(2025, 1, 1));

        var sheet = Apply(charge, Sheet(D(2026, 1, 1), D(2026, 12, 1), Priced(VersionOf(item, D(2026, 1, 1)), PriceList.Member, units: 1)));

        Assert.StartsWith("DEMAT-FLUX-COMPTABLES : la population légale 2026 de Cachy n'est pas enregistrée", sheet.SetAsideReason);
        Assert.Empty(sheet.Lines);
    }
}
