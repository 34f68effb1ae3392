using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Infrastructure.Catalogue;

namespace SommeNumerique.Saas.Infrastructure.Tests.Catalogue;

/// <summary>
/// The seeded catalogue against the voted tariffs of data/catalogue.json: every voted tariff is
/// there, nothing else is presented as voted, unpriced items are unpublished, and seeding again adds nothing.
/// </summary>
public sealed class CatalogueSeederTests : IDisposable
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();

    private async Task<CatalogueSeedReport> Seed()
    {
        await using var db = _database.Context(TestDatabase.Host());
        return await new CatalogueSeeder(db, new FixedClock(Today), NullLogger<CatalogueSeeder>.Instance).SeedAsync();
    }

    private async Task<List<CatalogueItem>> Items()
    {
        await using var db = _database.Context(TestDatabase.Host());
        return await db.CatalogueItems.AsNoTracking().Include(i => i.Offers).ThenInclude(o => o.Versions).ToListAsync();
    }

    /// <summary>(offer code, effective date, member, non-member) of every tariff of the voted catalogue.</summary>
    private static List<(string Offer, DateOnly From, decimal? Member, decimal? NonMember)> VotedTariffs()
    {
        var facts = JsonNode.Parse(File.ReadAllText(RepositoryFile("data/catalogue.json")))!;
        var result = new List<(string, DateOnly, decimal?, decimal?)>();
        foreach (var item in facts["items"]!.AsArray())
        {
            var offers = item!["offers"]?.AsArray().Select(o => (o!["code"]!.GetValue<string>(), o["tariffs"]?.AsArray()))
                         ?? [(item["code"]!.GetValue<string>(), item["tariffs"]?.AsArray())];
            foreach (var (code, tariffs) in offers)
                foreach (var t in tariffs ?? [])
                    result.Add((code, DateOnly.Parse(t!["effectiveFrom"]!.GetValue<string>()),
                        t["member"]?.GetValue<decimal>(), t["nonMember"]?.GetValue<decimal>()));
        }
        return result;
    }

    [Fact]
    public async Task Every_voted_tariff_is_seeded_and_nothing_else_is()
    {
        await Seed();
        var seeded = (await Items()).SelectMany(i => i.Offers.SelectMany(o => o.Versions.Select(v => (o.Code, v)))).ToList();
        var voted = VotedTariffs();

        Assert.Equal(voted.Count, seeded.Count);
        foreach (var (offer, from, member, nonMember) in voted)
        {
            var version = Assert.Single(seeded, s => s.Code == offer && s.v.EffectiveFrom == from).v;
            if (version.Model != PricingModel.PerInhabitantPerYear)
            {
                Assert.Equal(member, version.MemberPrice);
                Assert.Equal(nonMember, version.NonMemberPrice);
            }
        }
    }

    [Fact]
    public async Task Priced_offers_are_published_and_unpriced_ones_are_not()
    {
        await Seed();
        var offers = (await Items()).SelectMany(i => i.Offers).ToList();

        string[] published = ["COFFRE-FORT", "PACK-CYBER", "PACK-HAUTE-SECURITE", "FTTH-INITIALE", "FTTH-EXCLUSIVE-100M", "DEMAT-FLUX-COMPTABLES", "COTISATION", "ENT"];
        Assert.Equal(published.Order(), offers.Where(o => o.IsPublished).Select(o => o.Code).Order());
        Assert.All(offers.Where(o => !o.IsPublished), o => Assert.Empty(o.Versions));
        Assert.Contains(offers, o => o.Code == "MESSAGERIE");
        Assert.Contains(offers, o => o.Code == "FTTH-EXCLUSIVE-10G");
    }

    [Fact]
    public async Task The_rules_of_the_deliberations_are_carried()
    {
        await Seed();
        var items = (await Items()).ToDictionary(i => i.Code);

        Assert.True(items["COFFRE-FORT"].FirstYearFree);
        Assert.Equal(36, items["COFFRE-FORT"].CommitmentMonths);
        Assert.Equal([36, 12], items["PACK-CYBER"].Components.Select(c => c.CommitmentMonths));
        Assert.Equal(25, items["PACK-HAUTE-SECURITE"].Eligibility.MaxWorkstationsExclusive);
        Assert.Equal(MembershipRequirement.MembersAndTheirCommunes, items["FTTH-GFU"].Eligibility.Membership);
        Assert.Equal(BillingAlignment.SchoolYear, items["ENT"].BillingAlignment);
        Assert.True(items["APP-MOBILE"].EpciMaySubscribeForCommunes);
        var cyber = items["PACK-CYBER"].Offers.Single().Versions.Single();
        Assert.Equal(new SetupFee(7, 75m, 90m), cyber.SetupFee);
        var demat = items["DEMAT-FLUX-COMPTABLES"].Offers.Single().Versions.Single();
        Assert.Equal((0.07m, 0.05m, 50m, 5000m), (demat.CommuneRate!.Value, demat.EpciRate!.Value, demat.Floor!.Value, demat.Cap!.Value));
        var cotisation = items["COTISATION"].Offers.Single().Versions.Single();
        Assert.Equal(VatCategory.OutOfScope, cotisation.Vat);
        Assert.Equal([0.50m, 0.70m], cotisation.PayerRates.OrderBy(p => p.Rate).Select(p => p.Rate));
    }

    [Fact]
    public async Task Seeding_again_creates_nothing_and_keeps_staff_changes()
    {
        var first = await Seed();
        await using (var db = _database.Context(TestDatabase.Host()))
        {
            var messagerie = await db.CatalogueItems.Include(i => i.Offers).SingleAsync(i => i.Code == "MESSAGERIE");
            messagerie.Describe("MESSAGERIE", "Messagerie (renommée par le syndicat)", null, "boîte", null);
            await db.SaveChangesAsync();
        }

        var second = await Seed();

        Assert.True(first.ItemsCreated >= 13 && first.VersionsCreated == VotedTariffs().Count);
        Assert.Equal(new CatalogueSeedReport(0, 0, 0), second);
        Assert.Equal("Messagerie (renommée par le syndicat)", (await Items()).Single(i => i.Code == "MESSAGERIE").Name);
    }

    public void Dispose() => _database.Dispose();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    /// <summary>
    /// A file of this repository: the voted catalogue is read from the repository's own <c>data/catalogue.json</c>
    /// (the file the seeder imports; its tariffs are those of the shared facts file), so that a clone runs the test alone.
    /// </summary>
    internal static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SommeNumerique.Saas.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, relative));
                return File.Exists(path) ? path : throw new FileNotFoundException($"Expected in the repository: {path}");
            }
        }
        throw new DirectoryNotFoundException("Repository root (SommeNumerique.Saas.sln) not found above the test binaries.");
    }
}
