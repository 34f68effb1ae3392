using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Tests.Features.Billing;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Tenancy;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Pricing;

/// <summary>
/// Property: for random subscriptions (any priced offer of data/catalogue.json, kind of tenant, membership,
/// population, quantity, year; seeded, reproducible), the annual catalogue price equals what billing bills for
/// the twelve months of the period.
/// <list type="bullet">
/// <item>One run of 12 months: one line per kind, rounded once: the difference is exactly 0.</item>
/// <item>Twelve runs of one month: every line is rounded to the cent, so each differs by at most 0.005 €; the
/// bound is 0.005 € × the number of lines billed (12 service lines, plus 12 floor/cap lines when one applies).</item>
/// </list>
/// A failure prints the case's seed: <c>new Random(seed)</c> rebuilds it.
/// </summary>
public class AnnualPriceVersusBilledMonthsTests
{
    private const int BaseSeed = 13_2026;
    private const int Cases = 300;
    private const decimal RoundingPerLine = 0.005m;

    private static readonly string[] Sirens =
    [
        AbbevilleSiren, VitzSurAuthieSiren, CachySiren, AmiensSiren, HameauSiren, // communes
        BaieDeSommeSiren, TernoisSiren, ValDeSommeSiren, GrandeIntercoSiren,     // EPCI
        AmiensMetropoleSiren, DepartementSiren,                                  // named COTISATION payers
    ];

    private static readonly TenantKind[] Kinds =
    [
        TenantKind.Commune, TenantKind.CommunauteCommunes, TenantKind.CommunauteAgglomeration, TenantKind.Departement, TenantKind.EtablissementPublic,
    ];

    [Fact]
    public async Task The_annual_price_is_what_twelve_billed_months_add_up_to()
    {
        var offers = CatalogueFile.Offers().Where(o => o.Offer.Versions.Count > 0).Select(o => o.Offer.Code).ToList();
        var compared = 0;
        for (var i = 0; i < Cases; i++)
        {
            var seed = BaseSeed + i;
            var (item, offer, payer, quantity, year, description) = RandomCase(new Random(seed), offers);
            var failure = $"seed {seed}: {description}";
            if (await CompareAsync(item, offer, payer, quantity, year, failure)) compared++;
        }
        // Most random cases can be billed (the others are set aside and refused alike): the property is not vacuous.
        Assert.True(compared > Cases / 3, $"only {compared} of {Cases} cases were billed");
    }

    /// <returns>Whether the case was billed (false: the catalogue could not price it and billing set it aside).</returns>
    private static async Task<bool> CompareAsync(CatalogueItem item, Offer offer, Payer payer, int quantity, int year, string failure)
    {
        var period = BillingPeriod.Containing(new DateOnly(year, 1, 1), item.BillingAlignment);
        var charge = Subscribe(payer, item, quantity, period.Start, firstEver: false, offerCode: offer.Code);
        var quote = PriceResolver.Resolve(item, offer, payer.Tenant, payer.Epci, quantity, period.Start);

        var oneRun = await PriceAsync(charge.For(year));
        if (oneRun.SetAsideReason is not null)
        {
            Assert.True(!quote.Priced || !quote.Eligible, $"{failure}: set aside ({oneRun.SetAsideReason}) but quoted {quote.AnnualHt}");
            return false;
        }
        Assert.True(quote.Priced, $"{failure}: billed {oneRun.TotalHt} but the catalogue says « {quote.Reason} »");
        var annual = quote.AnnualHt!.Value;
        var setup = quote.SetupFee?.AmountHt ?? 0m;

        // One run of 12 months: bound 0.
        Assert.True(Recurring(oneRun) == annual, $"{failure}: 12 months in one run bill {Recurring(oneRun)}, the annual price is {annual}");
        Assert.True(SetupFee(oneRun) == setup, $"{failure}: setup fee billed {SetupFee(oneRun)}, quoted {setup}");

        // Twelve runs of one month: bound 0.005 € per line.
        var total = 0m;
        var lines = 0;
        var setupBlocks = 0;
        var setupBilled = 0m;
        for (var month = period.Start; month <= period.End; month = month.AddMonths(1))
        {
            var input = charge.For(year) with { FromMonth = month, ToMonth = month, Billed = new AlreadyBilled(new Dictionary<DateOnly, int>(), setupBlocks) };
            var run = await PriceAsync(input);
            Assert.True(run.SetAsideReason is null, $"{failure}: month {month} set aside: {run.SetAsideReason}");
            total += Recurring(run);
            lines += run.Lines.Count(l => l.Kind != ChargeLineKind.SetupFee);
            setupBlocks += run.Lines.Where(l => l.Kind == ChargeLineKind.SetupFee).Sum(l => l.Units);
            setupBilled += SetupFee(run);
        }
        var bound = lines * RoundingPerLine;
        Assert.True(Math.Abs(total - annual) <= bound, $"{failure}: 12 monthly runs bill {total}, the annual price is {annual} (bound {bound})");
        Assert.True(setupBilled == setup, $"{failure}: setup fee billed month by month {setupBilled}, quoted {setup}");
        return true;
    }

    private static decimal Recurring(ChargeResult result) =>
        result.Lines.Where(l => l.Kind is ChargeLineKind.Service or ChargeLineKind.FloorOrCap).Sum(l => l.AmountHt);

    private static decimal SetupFee(ChargeResult result) =>
        result.Lines.Where(l => l.Kind == ChargeLineKind.SetupFee).Sum(l => l.AmountHt);

    private static (CatalogueItem, Offer, Payer, int Quantity, int Year, string Description) RandomCase(Random random, List<string> offers)
    {
        var code = offers[random.Next(offers.Count)];
        var (item, offer) = CatalogueFile.Offers().Single(o => o.Offer.Code == code);
        var kind = Kinds[random.Next(Kinds.Length)];
        var member = random.Next(2) == 0;
        // Log-uniform 20 .. 600 000 inhabitants: floors and caps both happen.
        var population = (int)Math.Round(Math.Exp(random.NextDouble() * (Math.Log(600_000) - Math.Log(20)) + Math.Log(20)));
        var populationRecorded = random.Next(10) != 0;
        var quantity = random.Next(1, 61);
        var year = random.Next(2025, 2028);
        var siren = Sirens[random.Next(Sirens.Length)];

        var tenant = Tenant.Create(kind, $"{kind} tirée au sort", Siren.Parse(siren), kind == TenantKind.Commune ? "80001" : null);
        if (populationRecorded) tenant.RecordPopulations(population);
        Tenant? epci = null;
        if (kind == TenantKind.Commune)
        {
            epci = Tenant.Create(TenantKind.CommunauteCommunes, "CC tirée au sort", Siren.Parse(ValDeSommeSiren));
            if (member) epci.JoinSyndicate(MembersSince, "Scénario de test");
            epci.RecordPopulations(population * 10);
            tenant.AttachToEpci(epci);
        }
        else if (member && kind != TenantKind.EtablissementPublic)
        {
            tenant.JoinSyndicate(MembersSince, "Scénario de test");
        }
        var description = $"{code}, {kind} {siren} {(member ? "membre" : "non-membre")}, "
            + $"{(populationRecorded ? population.ToString() : "population non enregistrée")}, quantité {quantity}, {year}";
        return (item, offer, new Payer(tenant, epci), quantity, year, description);
    }
}
