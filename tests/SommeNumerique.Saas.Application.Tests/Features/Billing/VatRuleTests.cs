using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>Rule 9: each line takes the VAT category and rate of its tariff (20 %, or out of the VAT scope at 0 %).</summary>
public class VatRuleTests
{
    private static ChargeSheet Apply(Charge charge, params ChargeLine[] lines)
    {
        var sheet = new ChargeSheet();
        sheet.Lines.AddRange(lines);
        new VatRule().Apply(charge.For(2026), sheet);
        return sheet;
    }

    [Fact]
    public void A_service_of_the_budget_annexe_bears_the_standard_rate_of_20_percent()
    {
        var item = CoffreFort();
        var sheet = Apply(Subscribe(Abbeville(), item, 10, D(2025, 1, 1)), Line(ChargeLineKind.Service, VersionOf(item, D(2026, 1, 1)), 350.00m));

        var line = Assert.Single(sheet.Lines);
        Assert.Equal(VatCategory.Standard, line.VatCategory);
        Assert.Equal(0.20m, line.VatRate);
    }

    [Fact]
    public void The_statutory_contribution_is_out_of_the_vat_scope_at_0_percent()
    {
        var item = Cotisation();
        var sheet = Apply(Subscribe(BaieDeSomme(), item, 1, D(2025, 1, 1)), Line(ChargeLineKind.Service, VersionOf(item, D(2026, 1, 1)), 31617.95m));

        var line = Assert.Single(sheet.Lines);
        Assert.Equal(VatCategory.OutOfScope, line.VatCategory);
        Assert.Equal(0m, line.VatRate);
        Assert.Equal("TVA non applicable", line.VatCategory.Mention());
    }

    [Fact]
    public void Every_line_gets_the_category_of_its_own_tariff_including_gratuity_setup_and_floor_lines()
    {
        var vaults = CoffreFort();
        var demat = DematFluxComptables();
        var cyber = PackCyber();
        var cotisation = Cotisation();
        var sheet = Apply(Subscribe(Abbeville(), vaults, 10, D(2025, 1, 1)),
            Line(ChargeLineKind.FirstYearGratuity, VersionOf(vaults, D(2026, 1, 1)), -350.00m),
            Line(ChargeLineKind.SetupFee, VersionOf(cyber, D(2026, 1, 1)), 150.00m),
            Line(ChargeLineKind.FloorOrCap, VersionOf(demat, D(2026, 1, 1)), 29.00m),
            Line(ChargeLineKind.Service, VersionOf(cotisation, D(2026, 1, 1)), 26.00m));

        Assert.Equal([0.20m, 0.20m, 0.20m, 0m], sheet.Lines.Select(l => l.VatRate));
        Assert.Equal([VatCategory.Standard, VatCategory.Standard, VatCategory.Standard, VatCategory.OutOfScope], sheet.Lines.Select(l => l.VatCategory));
    }

    [Fact]
    public void Vat_does_not_change_the_amounts_ht()
    {
        var item = CoffreFort();
        var sheet = Apply(Subscribe(Abbeville(), item, 10, D(2025, 1, 1)), Line(ChargeLineKind.Service, VersionOf(item, D(2026, 1, 1)), 291.6666m));

        Assert.Equal(291.6666m, sheet.Lines[0].AmountHt);
    }
}
