using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Infrastructure.ReferenceData;

namespace SommeNumerique.Saas.Infrastructure.Tests.ReferenceData;

public sealed class EtalabImporterTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task The_Somme_extract_creates_the_departement_its_EPCI_and_771_communes()
    {
        var report = await _database.ImportSommeAsync();

        await using var db = _database.Context(TestDatabase.Host());
        Assert.Empty(report.Skipped);
        Assert.Equal(771, await db.Tenants.CountAsync(t => t.Kind == TenantKind.Commune));
        Assert.Equal(17, await db.Tenants.CountAsync(t => t.Kind == TenantKind.CommunauteAgglomeration || t.Kind == TenantKind.CommunauteCommunes));
        var departement = await db.Tenants.SingleAsync(t => t.Kind == TenantKind.Departement);
        Assert.Equal("228000014", departement.Siren.Value);
        Assert.Equal(0, await db.Tenants.CountAsync(t => t.Kind == TenantKind.Commune && t.ParentEpciId == null));
    }

    [Fact]
    public async Task The_Departement_and_the_15_EPCI_of_seed_002_are_the_16_members()
    {
        await _database.ImportSommeAsync();
        await using var db = _database.Context(TestDatabase.Host());
        var tenants = await db.Tenants.ToListAsync();
        var on = new DateOnly(2025, 1, 1);

        var members = tenants.Where(t => t.IsMemberOn(on)).ToList();
        Assert.Equal(16, members.Count);
        Assert.Contains(members, t => t.Name == "CA Amiens Métropole");
        Assert.DoesNotContain(members, t => t.Name == "CC du Ternois");
        Assert.DoesNotContain(members, t => t.Name.StartsWith("CC Interrégionale Aumale", StringComparison.Ordinal));
        Assert.All(members, m => Assert.True(m.Kind == TenantKind.Departement || m.Kind.IsEpci()));
    }

    [Fact]
    public async Task The_16_members_get_their_2019_population_of_seed_002_with_its_source_and_a_staff_correction_is_kept()
    {
        await _database.ImportSommeAsync();
        await using (var db = _database.Context(TestDatabase.Host()))
        {
            var members = (await db.Tenants.ToListAsync()).Where(t => t.IsMemberOn(new DateOnly(2019, 6, 1))).ToList();
            Assert.Equal(16, members.Count);
            Assert.All(members, m => Assert.StartsWith("Seed 002", m.Populations.Single(p => p.ReferenceYear == 2019).Source));
            Assert.Equal(571_879 + 182_600 + 51_060 + 23_354 + 28_736 + 25_217 + 29_018 + 26_687 + 23_654 + 21_076 + 28_717 + 33_879 + 39_317 + 18_586 + 32_444 + 39_045,
                members.Sum(m => m.PopulationFor(2019)!.Value));
            var metropole = members.Single(m => m.Siren.Value == "248000531");
            metropole.RecordPopulation(2019, 182_601, "Correction des agents");
            await db.SaveChangesAsync();
        }

        await _database.ImportSommeAsync();
        await using var check = _database.Context(TestDatabase.Host());
        var corrected = await check.Tenants.SingleAsync(t => t.Siren == Siren.Parse("248000531"));
        Assert.Equal((182_601, "Correction des agents"), (corrected.PopulationFor(2019)!.Value, corrected.Populations.Single(p => p.ReferenceYear == 2019).Source));
        var abbeville = await check.Tenants.SingleAsync(t => t.InseeCode == "80001");
        Assert.Null(abbeville.PopulationFor(2019)); // a commune: no 2019 figure in the seed, none invented
    }

    [Fact]
    public async Task A_commune_carries_its_INSEE_code_SIREN_population_and_EPCI()
    {
        await _database.ImportSommeAsync();
        await using var db = _database.Context(TestDatabase.Host());

        var abbeville = await db.Tenants.SingleAsync(t => t.InseeCode == "80001");
        var epci = await db.Tenants.SingleAsync(t => t.Id == abbeville.ParentEpciId);

        Assert.Equal("Abbeville", abbeville.Name);
        Assert.Equal("218000016", abbeville.Siren.Value);
        Assert.Equal("CA de la Baie de Somme", epci.Name);
        var population = Assert.Single(abbeville.Populations);
        Assert.Equal(ReferenceDataSource.Etalab600PopulationReferenceYear, population.ReferenceYear);
        Assert.True(population.Population > 20_000);
        Assert.True(MemberPricing.On(new DateOnly(2026, 1, 1), abbeville, epci).MemberPrices);
    }

    [Fact]
    public async Task Importing_twice_changes_nothing()
    {
        var first = await _database.ImportSommeAsync();
        var second = await _database.ImportSommeAsync();

        Assert.True(first.RowsWritten > 771);
        Assert.Equal(0, second.TenantsCreated);
        Assert.Equal(0, second.RowsWritten);
        await using var db = _database.Context(TestDatabase.Host());
        Assert.Equal(first.TenantsCreated, await db.Tenants.CountAsync());
    }

    [Fact]
    public async Task A_newer_edition_updates_names_and_populations_in_place()
    {
        await _database.ImportSommeAsync();
        var folder = Directory.CreateTempSubdirectory("etalab-");
        try
        {
            var communes = JsonNode.Parse(ReadEmbedded("ReferenceData.somme.communes.json"))!.AsArray();
            var abbeville = communes.Single(c => (string?)c!["code"] == "80001")!;
            abbeville["nom"] = "Abbeville-sur-Somme";
            abbeville["population"] = 30_000;
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "communes.json"), communes.ToJsonString());
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "epci.json"), ReadEmbedded("ReferenceData.somme.epci.json"));

            await using (var db = _database.Context(TestDatabase.Host()))
            {
                var report = await new EtalabImporter(db, NullLogger<EtalabImporter>.Instance)
                    .ImportAsync(ReferenceDataSource.Folder(folder.FullName, populationReferenceYear: 2024));
                Assert.Equal(0, report.TenantsCreated);
            }

            await using var check = _database.Context(TestDatabase.Host());
            var updated = await check.Tenants.SingleAsync(t => t.InseeCode == "80001");
            Assert.Equal("Abbeville-sur-Somme", updated.Name);
            Assert.Equal(30_000, updated.PopulationFor(2024));
            Assert.Equal(updated.Populations.Single(p => p.ReferenceYear == ReferenceDataSource.Etalab600PopulationReferenceYear).Population, updated.PopulationFor(ReferenceDataSource.Etalab600PopulationReferenceYear));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string ReadEmbedded(string name)
    {
        using var stream = typeof(ReferenceDataSource).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Dispose() => _database.Dispose();
}
