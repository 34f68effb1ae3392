using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Infrastructure.Persistence;

namespace SommeNumerique.Saas.Infrastructure.ReferenceData;

/// <summary>What an import did. Importing the same files twice gives zero rows written the second time.</summary>
public sealed record ImportReport(int CommunesRead, int EpciRead, int TenantsCreated, int RowsWritten, IReadOnlyList<string> Skipped);

/// <summary>
/// Creates or updates tenants from Etalab files: every EPCI, every current commune (INSEE code, SIREN,
/// legal population of the package's reference year, parent EPCI), the Département de la Somme, and the
/// syndicate's dated memberships. Tenants are matched by SIREN, so importing again changes nothing, and a
/// newer edition of the files updates names, populations and EPCI links in place.
/// </summary>
public sealed partial class EtalabImporter(SaasDbContext db, ILogger<EtalabImporter> logger, TimeProvider? clock = null)
{
    public async Task<ImportReport> ImportAsync(ReferenceDataSource source, CancellationToken ct = default)
    {
        List<EtalabCommune> communes;
        List<EtalabEpci> epcis;
        MembershipFacts membership;
        await using (var s = source.OpenCommunes()) communes = await EtalabJson.ReadListAsync<EtalabCommune>(s, ct);
        await using (var s = source.OpenEpci()) epcis = await EtalabJson.ReadListAsync<EtalabEpci>(s, ct);
        await using (var s = source.OpenMembership())
            membership = await System.Text.Json.JsonSerializer.DeserializeAsync<MembershipFacts>(s, EtalabJson.Options, ct)
                ?? throw new InvalidDataException("Empty membership file.");

        var skipped = new List<string>();
        var today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var bySiren = await db.Tenants.ToDictionaryAsync(t => t.Siren.Value, ct);
        var created = 0;

        Tenant Upsert(TenantKind kind, string name, Siren siren, string? insee)
        {
            if (bySiren.TryGetValue(siren.Value, out var existing))
            {
                if (existing.Name != name) existing.Rename(name);
                return existing;
            }
            var tenant = Tenant.Create(kind, name, siren, insee);
            db.Tenants.Add(tenant);
            bySiren.Add(siren.Value, tenant);
            created++;
            return tenant;
        }

        // 1. EPCI, and the commune -> EPCI map.
        var epciOfCommune = new Dictionary<string, Tenant>();
        foreach (var e in epcis)
        {
            if (!Siren.TryParse(e.Code, out var siren))
            {
                skipped.Add($"EPCI {e.Nom}: SIREN « {e.Code} » invalide");
                continue;
            }
            var epci = Upsert(EpciKind(e.Type), e.Nom, siren, null);
            if (e.PopulationTotale is { } population) epci.RecordPopulation(source.PopulationReferenceYear, population, source.PopulationSource);
            foreach (var member in e.Membres) epciOfCommune[member.Code] = epci;
        }

        // 2. Current communes.
        var communesRead = 0;
        foreach (var c in communes.Where(c => c.IsCurrent))
        {
            communesRead++;
            if (!Siren.TryParse(c.Siren, out var siren))
            {
                skipped.Add($"Commune {c.Nom} ({c.Code}) : SIREN « {c.Siren} » absent ou invalide");
                continue;
            }
            var commune = Upsert(TenantKind.Commune, c.Nom, siren, c.Code);
            if (c.Population is { } population) commune.RecordPopulation(source.PopulationReferenceYear, population, source.PopulationSource);
            // The current link from the files; a different EPCI in a newer edition is a dated change from today.
            if (epciOfCommune.TryGetValue(c.Code, out var epci) && commune.ParentEpciId != epci.Id)
                commune.AttachToEpci(epci, today, $"Découpage administratif (Etalab), import du {FrenchText.Day(today)}");
        }

        // 3. The Département de la Somme and the syndicate's members (seed 002).
        var departement = Upsert(TenantKind.Departement, membership.Departement.Name, Siren.Parse(membership.Departement.Siren), null);
        // The 2019 populations of the 16 members, exactly as the seed's contribution table prints them: the 2019
        // statutory contribution is billed on them. A figure staff corrected since is left as it is.
        var seedSource = $"Seed 002 : {membership.Source}";
        RecordSeedPopulation(departement, membership.Departement.Population2019, seedSource);
        JoinIfNotMember(departement, membership);
        foreach (var member in membership.Members)
        {
            if (bySiren.TryGetValue(member.Siren, out var epci))
            {
                JoinIfNotMember(epci, membership);
                if (member.Population2019 is { } population2019) RecordSeedPopulation(epci, population2019, seedSource);
            }
            else skipped.Add($"Membre {member.SeedName} ({member.Siren}) absent des fichiers importés");
        }

        var written = await db.SaveChangesAsync(ct);
        var report = new ImportReport(communesRead, epcis.Count, created, written, skipped);
        LogImported(report.CommunesRead, report.EpciRead, report.TenantsCreated, report.RowsWritten, skipped.Count);
        return report;
    }

    private static void RecordSeedPopulation(Tenant tenant, int population, string source)
    {
        if (tenant.PopulationFor(2019) is null) tenant.RecordPopulation(2019, population, source);
    }

    private static void JoinIfNotMember(Tenant tenant, MembershipFacts membership)
    {
        if (!tenant.IsMemberOn(membership.MemberSince)) tenant.JoinSyndicate(membership.MemberSince, membership.Source);
    }

    private static TenantKind EpciKind(string type) => type switch
    {
        "CA" => TenantKind.CommunauteAgglomeration,
        "CC" => TenantKind.CommunauteCommunes,
        "CU" => TenantKind.CommunauteUrbaine,
        "METRO" or "MET69" => TenantKind.Metropole,
        _ => TenantKind.EtablissementPublic,
    };

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reference data: {Communes} communes and {Epci} EPCI read, {Created} tenants created, {Rows} rows written, {Skipped} skipped")]
    private partial void LogImported(int communes, int epci, int created, int rows, int skipped);
}
