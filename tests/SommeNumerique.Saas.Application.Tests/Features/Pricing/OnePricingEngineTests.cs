using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Catalogue;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.Tests.Features.Billing;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Catalogue.Pricing;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Tenancy;
using static SommeNumerique.Saas.Application.Tests.Features.Billing.ChargeBuilder;

namespace SommeNumerique.Saas.Application.Tests.Features.Pricing;

/// <summary>
/// Issue 13, done when: for every offer of data/catalogue.json and a range of payers, the catalogue price
/// (<see cref="PriceResolver"/>, as GetOfferPrice shows it), the quote (<see cref="SubscriptionQuotes"/>, with its
/// first-invoice estimate) and a full year's invoice (the ten rules of <see cref="ChargeRules.InOrder"/>, 12 months,
/// no gratuity) come from the strategy of the tariff's pricing model and give the same annual HT, to the cent.
/// </summary>
public class OnePricingEngineTests
{
    private const int Quantity = 8; // 8 workstations: 2 started setup blocks of 7 on PACK-CYBER

    /// <summary>The strategy each pricing model must be priced by.</summary>
    private static readonly Dictionary<PricingModel, Type> StrategyOf = new()
    {
        [PricingModel.PerUnitPerYear] = typeof(PerUnitPerYearPricing),
        [PricingModel.PerInhabitantPerYear] = typeof(PerInhabitantPerYearPricing),
        [PricingModel.FlatPerSitePerYear] = typeof(FlatPerSitePerYearPricing),
    };

    private static readonly string[] PayerNames =
        ["Abbeville", "VitzSurAuthie", "Hameau40", "Amiens", "BaieDeSomme", "AmiensMetropole", "Ternois", "Departement", "Ccas"];

    private static Payer PayerNamed(string name) => name switch
    {
        "Abbeville" => Abbeville(),           // commune of a member EPCI
        "VitzSurAuthie" => VitzSurAuthie(),   // commune of a non-member EPCI
        "Hameau40" => Hameau40(),             // 40 inhabitants: per-inhabitant floor
        "Amiens" => Amiens(),                 // 133 000 inhabitants: per-inhabitant cap
        "BaieDeSomme" => BaieDeSomme(),       // member EPCI
        "AmiensMetropole" => AmiensMetropole(), // member EPCI with its own COTISATION rate
        "Ternois" => Ternois(),               // non-member EPCI
        "Departement" => Departement(),       // member, its own COTISATION rate
        "Ccas" => Ccas(),                     // no per-inhabitant rate for its kind
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static Payer Departement()
    {
        var departement = Tenant.Create(TenantKind.Departement, "Département de la Somme", Siren.Parse(DepartementSiren));
        departement.JoinSyndicate(MembersSince, "Rapport d'activité 2019 : membre du syndicat mixte");
        departement.RecordPopulations(571879);
        return new(departement, null);
    }

    public static TheoryData<string, string> OffersAndPayers()
    {
        var data = new TheoryData<string, string>();
        foreach (var (_, offer) in CatalogueFile.Offers())
            foreach (var payer in PayerNames) data.Add(offer.Code, payer);
        return data;
    }

    /// <summary>What one case priced three ways gave; <see cref="Model"/> is null when nothing could be priced.</summary>
    private sealed record Priced3Ways(PricingModel? Model);

    [Theory]
    [MemberData(nameof(OffersAndPayers))]
    public async Task The_catalogue_price_the_quote_and_a_year_of_billing_agree(string offerCode, string payerName)
    {
        await PriceThreeWaysAsync(offerCode, PayerNamed(payerName));
    }

    [Fact]
    public async Task Every_pricing_model_of_the_catalogue_file_is_priced_the_same_three_ways_by_its_strategy()
    {
        var proven = new HashSet<PricingModel>();
        foreach (var (_, offer) in CatalogueFile.Offers())
            foreach (var payer in PayerNames)
                if ((await PriceThreeWaysAsync(offer.Code, PayerNamed(payer))).Model is { } model) proven.Add(model);

        Assert.Equal(Enum.GetValues<PricingModel>().Order(), proven.Order());
    }

    [Fact]
    public void Every_offer_of_the_catalogue_file_is_covered()
    {
        var offers = CatalogueFile.Offers().ToList();

        // 17 offers: 8 with a voted tariff, 9 named without a price (no tariff version, unpublished).
        Assert.Equal(17, offers.Count);
        Assert.Equal(8, offers.Count(o => o.Offer.Versions.Count > 0));
        Assert.Equal(Enum.GetValues<PricingModel>().Order(),
            offers.SelectMany(o => o.Offer.Versions).Select(v => v.Model).Distinct().Order());
    }

    private static async Task<Priced3Ways> PriceThreeWaysAsync(string offerCode, Payer payer)
    {
        var (item, offer) = CatalogueFile.Offers().Single(o => o.Offer.Code == offerCode);
        var period = BillingPeriod.Containing(new DateOnly(2026, 1, 1), item.BillingAlignment);
        var start = period.Start;
        var charge = Subscribe(payer, item, Quantity, start, firstEver: false, offerCode: offerCode);

        // 1. The catalogue price (GetOfferPrice: PriceResolver, shown as a PriceView).
        var catalogue = PriceView.From(PriceResolver.Resolve(item, offer, payer.Tenant, payer.Epci, Quantity, start));
        // 2. The quote (its price, and its first invoice priced by the billing pipeline).
        var quote = await new SubscriptionQuotes(null!, null!, PipelineSender.Create()).QuoteAsync(
            new SubscriptionContext(payer.Tenant, payer.Epci, item, offer, FirstEverForItem: false),
            Quantity, start, forMemberCommunes: false, asStaff: true, CancellationToken.None);
        // 3. A full year's invoice: the period's 12 months, in one run.
        var invoice = await PriceAsync(charge.For(2026));

        Assert.Equal(catalogue, quote.Price);
        Assert.Equal(12, quote.FirstInvoice.BilledMonths);
        Assert.Equal(invoice.TotalHt, quote.FirstInvoice.TotalHt);

        if (!catalogue.Priced)
        {
            Assert.NotNull(invoice.SetAsideReason); // what the catalogue cannot price, billing sets aside
            return new(null);
        }
        if (invoice.SetAsideReason is not null)
        {
            Assert.False(quote.CanSubscribe); // billing sets aside only what the quote refuses (membership, kind)
            return new(null);
        }

        var version = offer.VersionInForceOn(start)!;
        var strategy = PricingStrategies.For(version.Model);
        Assert.IsType(StrategyOf[version.Model], strategy);
        var list = catalogue.PriceList == "member" ? PriceList.Member : PriceList.NonMember;
        var price = strategy.Price(version, payer.Tenant, list, Quantity, start.Year);

        var annual = invoice.Lines.Where(l => l.Kind is ChargeLineKind.Service or ChargeLineKind.FloorOrCap).Sum(l => l.AmountHt);
        var setup = invoice.Lines.Where(l => l.Kind == ChargeLineKind.SetupFee).Sum(l => l.AmountHt);
        Assert.Equal(price.AnnualHt, catalogue.AnnualHt);
        Assert.Equal(price.AnnualHt, annual);
        Assert.Equal(price.BaseHt, catalogue.BaseHt);
        Assert.Equal(catalogue.SetupFee?.AmountHt ?? 0m, setup);
        Assert.Equal(catalogue.AdjustmentHt is null ? 0 : 1, invoice.Lines.Count(l => l.Kind == ChargeLineKind.FloorOrCap));
        return new(version.Model);
    }
}
