using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>
/// The ten rules run in their documented order (eligibility → price list → tariff version → quantity →
/// proration → first-year gratuity → setup fee → floor/cap → VAT → rounding) on realistic charges, against
/// amounts computed by hand. Tariffs are those of /work/shared/domain/catalogue.json.
/// </summary>
public class PipelineOrderTests
{
    private const string VaultOffer = "Coffre-fort de mots de passe (1 coffre = 1 agent)";

    /// <summary>VAT of one invoice at one rate, on the rounded HT lines (README: per invoice and per rate).</summary>
    private static decimal Vat(ChargeResult result) =>
        result.Lines.GroupBy(l => l.VatRate).Sum(g => Money.Round(g.Sum(l => l.AmountHt) * g.Key));

    [Fact]
    public void The_rules_are_the_ten_documented_ones_in_order()
    {
        Assert.Equal(
            [
                typeof(EligibilityRule), typeof(PriceListRule), typeof(TariffVersionRule), typeof(QuantityRule), typeof(ProrationRule),
                typeof(FirstYearGratuityRule), typeof(SetupFeeRule), typeof(FloorAndCapRule), typeof(VatRule), typeof(RoundingRule),
            ],
            ChargeRules.InOrder);
        Assert.Equal(ChargeRules.InOrder, RulesInOrder().Select(r => r.GetType()));
    }

    // (a) 10 vaults, first subscription of a member commune from 01/01/2025, first year free.

    [Fact]
    public async Task Ten_vaults_in_their_free_first_year_show_the_service_and_the_gift_for_a_net_of_zero()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));

        var result = await PriceAsync(charge.For(2025));

        // Service: 35.00 × 10 × 12 / 12 = 350.00; gratuity: the same 12 months, - 350.00. Net 0.00.
        Assert.Null(result.SetAsideReason);
        Assert.Collection(result.Lines,
            service =>
            {
                Assert.Equal(ChargeLineKind.Service, service.Kind);
                Assert.Equal($"{VaultOffer} — 10 × coffre (agent), tarif membre, 12 mois du 01/01/2025 au 31/12/2025", service.Label);
                Assert.Equal(350.00m, service.AmountHt);
            },
            gratuity =>
            {
                Assert.Equal(ChargeLineKind.FirstYearGratuity, gratuity.Kind);
                Assert.Equal("Gratuité première année (12 mois, jusqu'au 31/12/2025)", gratuity.Label);
                Assert.Equal(-350.00m, gratuity.AmountHt);
            });
        Assert.Equal(0.00m, result.TotalHt);
        Assert.Equal(0.00m, Vat(result));
    }

    [Fact]
    public async Task Ten_vaults_after_the_free_year_bill_350_ht_and_420_ttc()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));

        var result = await PriceAsync(charge.For(2026));

        // Free until 31/12/2025: 2026 is billed in full, 35.00 × 10 = 350.00 HT.
        var service = Assert.Single(result.Lines);
        Assert.Equal(ChargeLineKind.Service, service.Kind);
        Assert.Equal($"{VaultOffer} — 10 × coffre (agent), tarif membre, 12 mois du 01/01/2026 au 31/12/2026", service.Label);
        Assert.Equal(350.00m, result.TotalHt);
        Assert.Equal((VatCategory.Standard, 0.20m), (service.VatCategory, service.VatRate));
        // VAT: round(350.00 × 0.20) = 70.00; TTC = 350.00 + 70.00 = 420.00.
        var vat = Money.Round(result.TotalHt * 0.20m);
        Assert.Equal(70.00m, vat);
        Assert.Equal(vat, Vat(result));
        Assert.Equal(420.00m, result.TotalHt + vat);
    }

    // (b) PACK-CYBER × 8 for a member commune: 30.00 per agent, setup 75.00 per started block of 7.

    [Fact]
    public async Task Eight_cyber_packs_bill_the_service_and_two_setup_blocks_with_no_gratuity()
    {
        var charge = Subscribe(Abbeville(), PackCyber(), 8, D(2025, 1, 1));

        var result = await PriceAsync(charge.For(2025));

        // Service: 30.00 × 8 = 240.00. Setup: 8 agents = 2 started blocks of 7 → 2 × 75.00 = 150.00.
        Assert.Collection(result.Lines,
            service =>
            {
                Assert.Equal(ChargeLineKind.Service, service.Kind);
                Assert.Equal("Pack « Cybersécurité » — 8 × agent, tarif membre, 12 mois du 01/01/2025 au 31/12/2025", service.Label);
                Assert.Equal(240.00m, service.AmountHt);
            },
            setup =>
            {
                Assert.Equal(ChargeLineKind.SetupFee, setup.Kind);
                Assert.Equal("Frais de mise en service — 2 tranches de 7 × 75,00 € HT (tarif membre)", setup.Label);
                Assert.Equal(150.00m, setup.AmountHt);
                Assert.Equal(0.20m, setup.VatRate);
            });
        // HT 390.00, VAT round(390.00 × 0.20) = 78.00, TTC 468.00.
        Assert.Equal(390.00m, result.TotalHt);
        Assert.Equal(78.00m, Vat(result));
    }

    [Fact]
    public async Task The_next_year_of_cyber_packs_bills_no_setup_fee_again()
    {
        var charge = Subscribe(Abbeville(), PackCyber(), 8, D(2025, 1, 1));

        // The 2025 invoice billed the 2 setup blocks.
        var result = await PriceAsync(charge.For(2026, new AlreadyBilled(new Dictionary<DateOnly, int>(), SetupBlocks: 2)));

        Assert.Equal(240.00m, Assert.Single(result.Lines).AmountHt);
    }

    // (c) Per-inhabitant contribution. The real per-inhabitant item with a floor and a cap is DEMAT-FLUX-COMPTABLES:
    // 0.07 € per inhabitant for a commune, 0.05 € for an EPCI, floor 50.00, cap 5 000.00 € HT a year (not 0.65:
    // 0.65 is the COTISATION rate of member EPCI, which has neither floor nor cap).

    [Fact]
    public async Task A_forty_inhabitant_commune_pays_the_floor_of_50()
    {
        var charge = Subscribe(Hameau40(), DematFluxComptables(), 1, D(2025, 1, 1));

        var result = await PriceAsync(charge.For(2026));

        // 40 × 0.07 = 2.80; under the floor: + (50.00 - 2.80) = 47.20. Total 50.00 HT.
        Assert.Collection(result.Lines,
            service =>
            {
                Assert.Equal("Dématérialisation des flux comptables — 40 habitants × 0,07 €, tarif membre, 12 mois du 01/01/2026 au 31/12/2026", service.Label);
                Assert.Equal(2.80m, service.AmountHt);
            },
            floor =>
            {
                Assert.Equal(ChargeLineKind.FloorOrCap, floor.Kind);
                Assert.Equal("Minimum de perception (50,00 € HT par an), 12 mois du 01/01/2026 au 31/12/2026", floor.Label);
                Assert.Equal(47.20m, floor.AmountHt);
                Assert.Equal(0.20m, floor.VatRate); // VAT is applied after the floor
            });
        Assert.Equal(50.00m, result.TotalHt);
    }

    [Fact]
    public async Task A_large_epci_pays_the_cap_of_5000()
    {
        var charge = Subscribe(AmiensMetropole(), DematFluxComptables(), 1, D(2025, 1, 1));

        var result = await PriceAsync(charge.For(2026));

        // CA Amiens Métropole, 180 000 inhabitants (2024) × 0.05 = 9 000.00; over the cap: - (9 000.00 - 5 000.00) = - 4 000.00.
        Assert.Collection(result.Lines,
            service =>
            {
                Assert.Contains("180 000 habitants × 0,05 €", service.Label);
                Assert.Equal(9000.00m, service.AmountHt);
            },
            cap =>
            {
                Assert.Equal("Plafond (5 000,00 € HT par an), 12 mois du 01/01/2026 au 31/12/2026", cap.Label);
                Assert.Equal(-4000.00m, cap.AmountHt);
            });
        Assert.Equal(5000.00m, result.TotalHt);
    }

    [Fact]
    public async Task A_100000_inhabitant_epci_is_exactly_at_the_cap_and_gets_no_plafond_line()
    {
        var charge = Subscribe(GrandeInterco(100000), DematFluxComptables(), 1, D(2025, 1, 1));

        var result = await PriceAsync(charge.For(2026));

        // 100 000 × 0.05 = 5 000.00 = the cap.
        Assert.Equal(5000.00m, Assert.Single(result.Lines).AmountHt);
    }

    [Fact]
    public async Task Amiens_commune_is_capped_at_5000()
    {
        var charge = Subscribe(Amiens(), DematFluxComptables(), 1, D(2025, 1, 1));

        var result = await PriceAsync(charge.For(2026));

        // 133 000 × 0.07 = 9 310.00 → plafond - 4 310.00 → 5 000.00.
        Assert.Equal([9310.00m, -4310.00m], result.Lines.Select(l => l.AmountHt));
        Assert.Equal(5000.00m, result.TotalHt);
    }

    [Fact]
    public async Task The_statutory_contribution_of_a_member_epci_is_out_of_vat_scope()
    {
        var charge = Subscribe(BaieDeSomme(), Cotisation(), 1, D(2025, 1, 1));

        var result = await PriceAsync(charge.For(2026));

        // 48 643 (2024) × 0.65 = 31 617.95, no floor nor cap; TVA non applicable.
        var line = Assert.Single(result.Lines);
        Assert.Equal("Cotisation statutaire — 48 643 habitants × 0,65 €, tarif membre, 12 mois du 01/01/2026 au 31/12/2026", line.Label);
        Assert.Equal(31617.95m, line.AmountHt);
        Assert.Equal((VatCategory.OutOfScope, 0m), (line.VatCategory, line.VatRate));
        Assert.Equal(0m, Vat(result));
    }

    [Fact]
    public async Task A_floor_is_prorated_for_a_contribution_starting_mid_year()
    {
        var charge = Subscribe(Hameau40(), DematFluxComptables(), 1, D(2026, 7, 20));

        var result = await PriceAsync(charge.For(2026));

        // July to December: 2.80 × 6 / 12 = 1.40; floor (50.00 - 2.80) × 6 / 12 = 23.60. Total 25.00 = half the floor.
        Assert.Equal([1.40m, 23.60m], result.Lines.Select(l => l.AmountHt));
        Assert.Equal(25.00m, result.TotalHt);
    }

    // (d) A mid-year start.

    [Fact]
    public async Task Ten_vaults_from_15_april_without_gratuity_bill_nine_months()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 4, 15), firstEver: false);

        var result = await PriceAsync(charge.For(2025));

        // April (started) to December = 9 months: 35.00 × 10 × 9 / 12 = 262.50.
        var service = Assert.Single(result.Lines);
        Assert.Equal($"{VaultOffer} — 10 × coffre (agent), tarif membre, 9 mois du 01/04/2025 au 31/12/2025", service.Label);
        Assert.Equal(9, service.MonthCount);
        Assert.Equal(262.50m, service.AmountHt);
    }

    [Fact]
    public async Task Ten_vaults_from_15_april_with_gratuity_carry_the_gift_into_the_next_year()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 4, 15));

        var first = await PriceAsync(charge.For(2025));
        var second = await PriceAsync(charge.For(2026));

        // 2025: 262.50 - 262.50. 2026: 350.00, free until 31/03/2026: - 35.00 × 10 × 3 / 12 = - 87.50 → 262.50.
        Assert.Equal([262.50m, -262.50m], first.Lines.Select(l => l.AmountHt));
        Assert.Equal([350.00m, -87.50m], second.Lines.Select(l => l.AmountHt));
        Assert.Equal("Gratuité première année (3 mois, jusqu'au 31/03/2026)", second.Lines[1].Label);
        Assert.Equal(262.50m, second.TotalHt);
    }

    // Further realistic cases.

    [Fact]
    public async Task A_second_run_bills_only_the_vaults_added_mid_year()
    {
        // 10 vaults (not a first subscription) billed for the whole of 2025; 15 from 10/06/2025.
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1), firstEver: false);
        charge.Subscription.ChangeQuantity(15, D(2025, 6, 10), Secretary, At);

        var result = await PriceAsync(charge.For(2025, Billed(10, D(2025, 1, 1), D(2025, 12, 1))));

        // June (increased on the 10th) to December = 7 months × 5 more vaults: 35.00 × 5 × 7 / 12 = 102.0833… → 102.08.
        var service = Assert.Single(result.Lines);
        Assert.Equal($"{VaultOffer} — 5 × coffre (agent), tarif membre, 7 mois du 01/06/2025 au 31/12/2025", service.Label);
        Assert.Equal(102.08m, service.AmountHt);
    }

    [Fact]
    public async Task Vaults_added_during_the_free_year_are_given_back_too()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1));
        charge.Subscription.ChangeQuantity(15, D(2025, 6, 10), Secretary, At);

        var result = await PriceAsync(charge.For(2025, Billed(10, D(2025, 1, 1), D(2025, 12, 1))));

        Assert.Equal([102.08m, -102.08m], result.Lines.Select(l => l.AmountHt));
    }

    [Fact]
    public async Task A_member_that_leaves_on_30_june_is_billed_half_at_member_and_half_at_non_member_prices()
    {
        var charge = Subscribe(ValDeSomme(leavesAfter: D(2026, 6, 30)), CoffreFort(), 10, D(2025, 1, 1), firstEver: false);

        var result = await PriceAsync(charge.For(2026));

        // January-June: 35.00 × 10 × 6 / 12 = 175.00; July-December: 40.00 × 10 × 6 / 12 = 200.00.
        Assert.Collection(result.Lines,
            member =>
            {
                Assert.EndsWith("10 × coffre (agent), tarif membre, 6 mois du 01/01/2026 au 30/06/2026", member.Label);
                Assert.Equal(175.00m, member.AmountHt);
            },
            nonMember =>
            {
                Assert.EndsWith("10 × coffre (agent), tarif non-membre, 6 mois du 01/07/2026 au 31/12/2026", nonMember.Label);
                Assert.Equal(200.00m, nonMember.AmountHt);
            });
        Assert.Equal(375.00m, result.TotalHt);
    }

    [Fact]
    public async Task A_price_voted_for_the_15th_applies_from_the_next_month()
    {
        var item = CoffreFort();
        item.Offers[0].AddVersion(PerUnitVersion(D(2026, 3, 15), member: 38.00m, nonMember: 43.00m));
        var charge = Subscribe(Abbeville(), item, 10, D(2025, 1, 1), firstEver: false);

        var result = await PriceAsync(charge.For(2026));

        // January-March at 35.00: 35 × 10 × 3 / 12 = 87.50; April-December at 38.00: 38 × 10 × 9 / 12 = 285.00.
        Assert.Equal([87.50m, 285.00m], result.Lines.Select(l => l.AmountHt));
        Assert.Equal(372.50m, result.TotalHt);
    }

    [Fact]
    public async Task A_subscription_terminated_on_10_june_is_billed_january_to_june()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2025, 1, 1), firstEver: false);
        charge.Subscription.Terminate(D(2026, 6, 10), D(2026, 6, 1), Staff, At, "Fusion de communes");

        var result = await PriceAsync(charge.For(2026));

        // 6 months: 35.00 × 10 × 6 / 12 = 175.00.
        Assert.Equal(175.00m, Assert.Single(result.Lines).AmountHt);
    }

    [Fact]
    public async Task A_charge_set_aside_by_eligibility_stops_the_pipeline_and_bills_nothing()
    {
        var charge = Subscribe(VitzSurAuthie(), FtthGfu(), 1, D(2025, 1, 1));

        var result = await PriceAsync(charge.For(2026));

        Assert.Empty(result.Lines);
        Assert.Equal("FTTH-INITIALE : Réservé aux membres et aux communes des EPCI membres.", result.SetAsideReason);
    }

    [Fact]
    public async Task A_charge_without_a_tariff_in_force_is_set_aside_and_bills_nothing()
    {
        var charge = Subscribe(Abbeville(), CoffreFort(), 10, D(2024, 10, 7));

        var result = await PriceAsync(charge.For(2024));

        Assert.Empty(result.Lines);
        Assert.Equal("COFFRE-FORT : aucun tarif voté n'est en vigueur au 01/10/2024.", result.SetAsideReason);
    }

    [Fact]
    public async Task A_second_run_after_everything_was_billed_bills_nothing()
    {
        var charge = Subscribe(Abbeville(), PackCyber(), 8, D(2025, 1, 1));

        var result = await PriceAsync(charge.For(2025, Billed(8, D(2025, 1, 1), D(2025, 12, 1), setupBlocks: 2)));

        Assert.Empty(result.Lines);
        Assert.Null(result.SetAsideReason);
    }
}
