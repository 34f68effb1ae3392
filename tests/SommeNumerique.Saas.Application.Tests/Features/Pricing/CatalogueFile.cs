using SommeNumerique.Saas.Domain.Billing;
using System.Text.Json;
using System.Text.Json.Serialization;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Tests.Features.Pricing;

/// <summary>
/// The catalogue of the repository's <c>data/catalogue.json</c> (the file the seeder imports), read into fresh
/// domain objects: every item, every offer (unpublished and unpriced ones too), every voted tariff version.
/// Only the fields pricing and billing read are mapped.
/// </summary>
internal static class CatalogueFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IReadOnlyList<CatalogueItem> Items()
    {
        var file = JsonSerializer.Deserialize<FileSeed>(File.ReadAllText(RepositoryFile("data/catalogue.json")), Json)!;
        return file.Items.Select(ToItem).ToList();
    }

    /// <summary>Every (item, offer) of the file, in the order of the file.</summary>
    public static IEnumerable<(CatalogueItem Item, Offer Offer)> Offers() =>
        Items().SelectMany(i => i.Offers.Select(o => (i, o)));

    private static CatalogueItem ToItem(ItemSeed seed)
    {
        var item = CatalogueItem.Create(seed.Code, seed.Name, seed.Unit, seed.NatureAccount);
        item.SetRules(seed.FirstYearFree,
            new EligibilityRules(seed.Eligibility?.Membership ?? MembershipRequirement.None, seed.Eligibility?.MaxWorkstationsExclusive),
            seed.Billing == 0 ? BillingAlignment.CalendarYear : seed.Billing, seed.EpciMaySubscribeForCommunes);
        item.SetComponents((seed.Components ?? []).Select(c => new ServiceComponent(c.Code, c.Name, c.CommitmentMonths)));
        foreach (var offerSeed in seed.Offers)
        {
            var offer = item.AddOffer(offerSeed.Code, offerSeed.Name);
            foreach (var t in offerSeed.Tariffs.OrderBy(t => t.EffectiveFrom))
                offer.AddVersion(TariffVersion.Create(new TariffTerms
                {
                    Deliberation = new Deliberation(t.Deliberation.Body, t.Deliberation.Date, t.Deliberation.Reference),
                    EffectiveFrom = t.EffectiveFrom,
                    Model = t.Model,
                    Vat = t.Vat,
                    MemberPrice = t.Member,
                    NonMemberPrice = t.NonMember,
                    SetupFee = t.SetupFee is { } f ? new SetupFee(f.BlockSize, f.Member, f.NonMember) : null,
                    Floor = t.Floor,
                    Cap = t.Cap,
                    CommuneRate = t.CommuneRate,
                    EpciRate = t.EpciRate,
                    DepartementRate = t.DepartementRate,
                    PayerRates = (t.PayerRates ?? []).Select(p => new PayerRate(p.Siren, p.Payer, p.Rate)).ToList(),
                }));
        }
        return item;
    }

    /// <summary>A file of this repository (found from the test binaries up to SommeNumerique.Saas.sln).</summary>
    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SommeNumerique.Saas.sln")))
                return Path.Combine(dir.FullName, relative);
        throw new DirectoryNotFoundException("Repository root (SommeNumerique.Saas.sln) not found above the test binaries.");
    }

    private sealed record FileSeed(IReadOnlyList<ItemSeed> Items);

    private sealed record ItemSeed(
        string Code, string Name, string Unit, string NatureAccount, bool FirstYearFree, EligibilitySeed? Eligibility,
        BillingAlignment Billing, bool EpciMaySubscribeForCommunes, IReadOnlyList<ComponentSeed>? Components, IReadOnlyList<OfferSeed> Offers);

    private sealed record EligibilitySeed(MembershipRequirement Membership, int? MaxWorkstationsExclusive);

    private sealed record ComponentSeed(string Code, string Name, int CommitmentMonths);

    private sealed record OfferSeed(string Code, string Name, IReadOnlyList<TariffSeed> Tariffs);

    private sealed record TariffSeed(
        DateOnly EffectiveFrom, DeliberationSeed Deliberation, PricingModel Model, VatCategory Vat,
        decimal? Member, decimal? NonMember, SetupFeeSeed? SetupFee, decimal? Floor, decimal? Cap,
        decimal? CommuneRate, decimal? EpciRate, decimal? DepartementRate, IReadOnlyList<PayerRateSeed>? PayerRates);

    private sealed record DeliberationSeed(string Body, DateOnly? Date, string Reference);

    private sealed record SetupFeeSeed(int BlockSize, decimal Member, decimal NonMember);

    private sealed record PayerRateSeed(string Siren, string Payer, decimal Rate);
}
