using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Infrastructure.Persistence;

namespace SommeNumerique.Saas.Infrastructure.Catalogue;

/// <summary>What a seeding did; a second run creates nothing.</summary>
public sealed record CatalogueSeedReport(int ItemsCreated, int OffersCreated, int VersionsCreated);

/// <summary>
/// Seeds the voted catalogue from <c>data/catalogue.json</c> (embedded). Idempotent and additive: it creates
/// missing items, offers and tariff versions (matched by code and effective date) and never changes what
/// exists, so staff edits survive restarts. Offers marked <c>publish</c> are published when created.
/// </summary>
public sealed partial class CatalogueSeeder(SaasDbContext db, TimeProvider clock, ILogger<CatalogueSeeder> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<CatalogueSeedReport> SeedAsync(CancellationToken ct = default)
    {
        var file = ReadSeedFile();

        var today = clock.Today();
        var existing = await db.CatalogueItems.Include(i => i.Offers).ThenInclude(o => o.Versions).ToDictionaryAsync(i => i.Code, ct);
        int items = 0, offers = 0, versions = 0;

        foreach (var seed in file.Items)
        {
            if (!existing.TryGetValue(seed.Code, out var item))
            {
                item = seed.NewItem();
                db.CatalogueItems.Add(item);
                items++;
            }
            foreach (var offerSeed in seed.Offers)
            {
                var offer = item.Offers.SingleOrDefault(o => o.Code == offerSeed.Code);
                var created = offer is null;
                if (created)
                {
                    offer = item.AddOffer(offerSeed.Code, offerSeed.Name, offerSeed.Description);
                    offers++;
                }
                foreach (var tariff in offerSeed.Tariffs.OrderBy(t => t.EffectiveFrom))
                {
                    if (offer!.Versions.Any(v => v.EffectiveFrom == tariff.EffectiveFrom)) continue;
                    if (offer.Versions.Any(v => v.EffectiveFrom > tariff.EffectiveFrom)) continue; // history is append-only
                    offer.AddVersion(TariffVersion.Create(tariff.ToTerms()));
                    versions++;
                }
                if (created && offerSeed.Publish) offer!.Publish(today);
            }
        }
        await db.SaveChangesAsync(ct);
        LogSeeded(items, offers, versions);
        return new CatalogueSeedReport(items, offers, versions);
    }

    /// <summary>
    /// The voted catalogue of the embedded <c>data/catalogue.json</c> as fresh domain objects, nothing saved: every item,
    /// offer (unpublished ones too) and tariff version, read by the same mapping as <see cref="SeedAsync"/>. Tests price
    /// every offer of the file from it.
    /// </summary>
    public static IReadOnlyList<CatalogueItem> ReadCatalogue() =>
        ReadSeedFile().Items.Select(seed =>
        {
            var item = seed.NewItem();
            foreach (var offerSeed in seed.Offers)
            {
                var offer = item.AddOffer(offerSeed.Code, offerSeed.Name, offerSeed.Description);
                foreach (var tariff in offerSeed.Tariffs.OrderBy(t => t.EffectiveFrom)) offer.AddVersion(TariffVersion.Create(tariff.ToTerms()));
            }
            return item;
        }).ToList();

    private static SeedFile ReadSeedFile()
    {
        using var stream = typeof(CatalogueSeeder).Assembly.GetManifestResourceStream("Catalogue.catalogue.json")
                           ?? throw new InvalidOperationException("Embedded resource Catalogue.catalogue.json is missing.");
        return JsonSerializer.Deserialize<SeedFile>(stream, Json) ?? throw new InvalidDataException("Empty catalogue file.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogue seeded: {Items} items, {Offers} offers, {Versions} tariff versions created")]
    private partial void LogSeeded(int items, int offers, int versions);

    // The format of data/catalogue.json.
    private sealed record SeedFile(IReadOnlyList<ItemSeed> Items);

    private sealed record ItemSeed(
        string Code, string Name, string? Description, string Unit, string? Source, string NatureAccount,
        bool FirstYearFree, EligibilitySeed? Eligibility, BillingAlignment Billing, bool EpciMaySubscribeForCommunes,
        IReadOnlyList<ComponentSeed> Components, IReadOnlyList<OfferSeed> Offers)
    {
        public BillingAlignment Billing { get; init; } = Billing == 0 ? BillingAlignment.CalendarYear : Billing;
        public IReadOnlyList<ComponentSeed> Components { get; init; } = Components ?? [];

        public CatalogueItem NewItem()
        {
            var item = CatalogueItem.Create(Code, Name, Unit, NatureAccount);
            item.Describe(Code, Name, Description, Unit, Source);
            item.SetRules(FirstYearFree,
                new EligibilityRules(Eligibility?.Membership ?? MembershipRequirement.None, Eligibility?.MaxWorkstationsExclusive),
                Billing, EpciMaySubscribeForCommunes);
            item.SetComponents(Components.Select(c => new ServiceComponent(c.Code, c.Name, c.CommitmentMonths)));
            return item;
        }
    }

    private sealed record EligibilitySeed(MembershipRequirement Membership, int? MaxWorkstationsExclusive);

    private sealed record ComponentSeed(string Code, string Name, int CommitmentMonths);

    private sealed record OfferSeed(string Code, string Name, string? Description, bool Publish, IReadOnlyList<TariffSeed> Tariffs);

    private sealed record TariffSeed(
        DateOnly EffectiveFrom, DeliberationSeed Deliberation, PricingModel Model, VatCategory Vat,
        decimal? Member, decimal? NonMember, SetupFeeSeed? SetupFee, decimal? Floor, decimal? Cap,
        decimal? CommuneRate, decimal? EpciRate, decimal? DepartementRate, IReadOnlyList<PayerRateSeed>? PayerRates)
    {
        public TariffTerms ToTerms() => new()
        {
            Deliberation = new Deliberation(Deliberation.Body, Deliberation.Date, Deliberation.Reference),
            EffectiveFrom = EffectiveFrom,
            Model = Model,
            Vat = Vat,
            MemberPrice = Member,
            NonMemberPrice = NonMember,
            SetupFee = SetupFee is { } f ? new Domain.Catalogue.SetupFee(f.BlockSize, f.Member, f.NonMember) : null,
            Floor = Floor,
            Cap = Cap,
            CommuneRate = CommuneRate,
            EpciRate = EpciRate,
            DepartementRate = DepartementRate,
            PayerRates = (PayerRates ?? []).Select(p => new PayerRate(p.Siren, p.Payer, p.Rate)).ToList(),
        };
    }

    private sealed record DeliberationSeed(string Body, DateOnly? Date, string Reference);

    private sealed record SetupFeeSeed(int BlockSize, decimal Member, decimal NonMember);

    private sealed record PayerRateSeed(string Siren, string Payer, decimal Rate);
}
