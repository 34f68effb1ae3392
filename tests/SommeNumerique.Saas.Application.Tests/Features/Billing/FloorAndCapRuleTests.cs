using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>
/// Rule 8: a per-inhabitant amount under the floor (over the cap) gets a "Minimum de perception" ("Plafond")
/// line for the difference, a twelfth per billed month. DEMAT-FLUX-COMPTABLES: 0.07 € per inhabitant (commune),
/// 0.05 € (EPCI), floor 50.00, cap 5 000.00 € HT a year.
/// </summary>
public class FloorAndCapRuleTests
{
    /// <summary>A per-inhabitant service line as the proration rule builds it.</summary>
    private static ChargeLine ServiceLine(TariffVersion version, int population, decimal rate, DateOnly from, DateOnly to, PriceList list = PriceList.Member)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
        return new ChargeLine
        {
            Kind = ChargeLineKind.Service,
            Label = $"{population} habitants × {rate}",
            Version = version,
            FromMonth = from,
            ToMonth = to,
            MonthCount = months,
            Units = 1,
            Quantity = population,
            UnitPriceHt = rate,
            PriceList = list,
            AmountHt = Money.Round(rate * population) * months / 12m,
        };
    }

    private static ChargeSheet Apply(Charge charge, params ChargeLine[] lines)
    {
        var sheet = new ChargeSheet();
        sheet.Lines.AddRange(lines);
        new FloorAndCapRule().Apply(charge.For(2026), sheet);
        return sheet;
    }

    private static List<ChargeLine> Adjustments(ChargeSheet sheet) => sheet.Lines.Where(l => l.Kind == ChargeLineKind.FloorOrCap).ToList();

    [Fact]
    public void A_small_commune_under_the_floor_gets_a_positive_minimum_de_perception_line()
    {
        // Cachy: 300 × 0.07 = 21.00 < 50.00 → + 29.00 for the year.
        var item = DematFluxComptables();
        var version = VersionOf(item, D(2026, 1, 1));

        var sheet = Apply(Subscribe(Cachy(), item, 1, D(2025, 1, 1)), ServiceLine(version, 300, 0.07m, D(2026, 1, 1), D(2026, 12, 1)));

        var floor = Assert.Single(Adjustments(sheet));
        Assert.Equal(50.00m - 300 * 0.07m, floor.AmountHt);
        Assert.Equal(29.00m, floor.AmountHt);
        Assert.Equal("Minimum de perception (50,00 € HT par an), 12 mois du 01/01/2026 au 31/12/2026", floor.Label);
        Assert.Equal((D(2026, 1, 1), D(2026, 12, 1), 12), (floor.FromMonth, floor.ToMonth, floor.MonthCount));
        Assert.Same(version, floor.Version);
        Assert.Equal(50.00m, Money.Round(sheet.Lines.Sum(l => l.AmountHt)));
    }

    [Fact]
    public void The_floor_is_prorated_by_the_months_billed()
    {
        // July to December only: (50.00 - 21.00) × 6 / 12 = 14.50.
        var item = DematFluxComptables();
        var version = VersionOf(item, D(2026, 1, 1));

        var sheet = Apply(Subscribe(Cachy(), item, 1, D(2026, 7, 1)), ServiceLine(version, 300, 0.07m, D(2026, 7, 1), D(2026, 12, 1)));

        var floor = Assert.Single(Adjustments(sheet));
        Assert.Equal(14.50m, floor.AmountHt);
        Assert.EndsWith("6 mois du 01/07/2026 au 31/12/2026", floor.Label);
    }

    [Fact]
    public void A_large_commune_over_the_cap_gets_a_negative_plafond_line()
    {
        // Amiens: 133 000 × 0.07 = 9 310.00 > 5 000.00 → - 4 310.00.
        var item = DematFluxComptables();
        var version = VersionOf(item, D(2026, 1, 1));

        var sheet = Apply(Subscribe(Amiens(), item, 1, D(2025, 1, 1)), ServiceLine(version, 133000, 0.07m, D(2026, 1, 1), D(2026, 12, 1)));

        var cap = Assert.Single(Adjustments(sheet));
        Assert.Equal(-4310.00m, cap.AmountHt);
        Assert.Equal("Plafond (5 000,00 € HT par an), 12 mois du 01/01/2026 au 31/12/2026", cap.Label);
        Assert.Equal(5000.00m, Money.Round(sheet.Lines.Sum(l => l.AmountHt)));
    }

    [Fact]
    public void An_amount_between_floor_and_cap_gets_no_line()
    {
        // Abbeville: 22 395 × 0.07 = 1 567.65.
        var item = DematFluxComptables();
        var sheet = Apply(Subscribe(Abbeville(), item, 1, D(2025, 1, 1)),
            ServiceLine(VersionOf(item, D(2026, 1, 1)), 22395, 0.07m, D(2026, 1, 1), D(2026, 12, 1)));

        Assert.Empty(Adjustments(sheet));
    }

    [Fact]
    public void An_amount_exactly_at_the_cap_gets_no_line()
    {
        // A 100 000-inhabitant EPCI: 100 000 × 0.05 = 5 000.00, which is the cap itself.
        var item = DematFluxComptables();
        var sheet = Apply(Subscribe(GrandeInterco(100000), item, 1, D(2025, 1, 1)),
            ServiceLine(VersionOf(item, D(2026, 1, 1)), 100000, 0.05m, D(2026, 1, 1), D(2026, 12, 1)));

        Assert.Empty(Adjustments(sheet));
    }

    [Fact]
    public void Each_per_inhabitant_service_line_gets_its_own_adjustment()
    {
        // Two service lines (member then non-member prices), six months each: 29.00 × 6 / 12 = 14.50 each.
        var item = DematFluxComptables();
        var version = VersionOf(item, D(2026, 1, 1));

        var sheet = Apply(Subscribe(Cachy(), item, 1, D(2025, 1, 1)),
            ServiceLine(version, 300, 0.07m, D(2026, 1, 1), D(2026, 6, 1)),
            ServiceLine(version, 300, 0.07m, D(2026, 7, 1), D(2026, 12, 1), PriceList.NonMember));

        Assert.Equal([14.50m, 14.50m], Adjustments(sheet).Select(l => l.AmountHt));
        Assert.Equal([PriceList.Member, PriceList.NonMember], Adjustments(sheet).Select(l => l.PriceList));
    }

    [Fact]
    public void A_tariff_without_floor_or_cap_gets_no_line()
    {
        // COTISATION: 0.65 € per inhabitant, no floor, no cap.
        var item = Cotisation();
        var sheet = Apply(Subscribe(BaieDeSomme(), item, 1, D(2025, 1, 1)),
            ServiceLine(VersionOf(item, D(2026, 1, 1)), 40, 0.65m, D(2026, 1, 1), D(2026, 12, 1)));

        Assert.Empty(Adjustments(sheet));
    }

    [Fact]
    public void Per_unit_lines_are_left_alone()
    {
        // One vault a year (35.00) is "under 50.00", but floors only concern per-inhabitant tariffs.
        var item = CoffreFort();
        var vault = new ChargeLine
        {
            Kind = ChargeLineKind.Service,
            Label = "1 × coffre (agent)",
            Version = VersionOf(item, D(2026, 1, 1)),
            FromMonth = D(2026, 1, 1),
            ToMonth = D(2026, 12, 1),
            MonthCount = 12,
            Units = 1,
            Quantity = 1,
            UnitPriceHt = 35.00m,
            AmountHt = 35.00m,
        };

        var sheet = Apply(Subscribe(Abbeville(), item, 1, D(2025, 1, 1)), vault);

        Assert.Same(vault, Assert.Single(sheet.Lines));
    }
}
