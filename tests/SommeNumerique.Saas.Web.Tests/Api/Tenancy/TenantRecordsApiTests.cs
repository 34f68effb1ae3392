using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Tenancy;

/// <summary>
/// Tenants that staff keep, through the API: creating the bodies missing from the national files, identity, dated
/// memberships with their deliberation, dated populations (one by one and by CSV import), dated EPCI links, history;
/// and the 2019 statutory contribution billed exactly as seed 002's table.
/// </summary>
public abstract class TenantRecordsApiTests(SaasAppFactory factory)
{
    private static int _sirenCounter = Random.Shared.Next(100_000, 900_000);

    /// <summary>A valid SIREN no imported tenant has (imported bodies' SIRENs start with 2).</summary>
    internal static string NewSiren()
    {
        var body = $"99{Interlocked.Increment(ref _sirenCounter):000000}";
        return Enumerable.Range(0, 10).Select(d => $"{body}{d}").First(c => Luhn.IsValid(c));
    }

    private static object Deliberation(string reference = "Délibération n° 2026-17") =>
        new { body = "Comité syndical", date = new DateOnly(2026, 3, 12), reference };

    private async Task<JsonElement> CreateAsync(HttpClient staff, object body) =>
        await (await staff.PostJsonAsync("/api/v1/tenants", body)).ReadJsonAsync(HttpStatusCode.Created);

    private static async Task<HttpResponseMessage> PutJsonAsync(HttpClient client, string url, object body) =>
        await client.PutAsJsonAsync(url, body);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static string FieldError(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task Staff_create_a_ccas_and_a_duplicate_or_invalid_siren_is_refused_naming_the_field()
    {
        var staff = await factory.StaffAsync();
        var siren = NewSiren();
        var created = await CreateAsync(staff, new { kind = "ccas", name = "CCAS d'Abbeville", siren, siret = TestSirets.Of(siren) });
        Assert.Equal("ccas", created.Str("kind"));
        Assert.Equal("CCAS / CIAS", created.Str("kindLabel"));
        Assert.Equal(TestSirets.Of(siren), created.Str("siret"));
        var read = await staff.GetJsonAsync($"/api/v1/tenants/{created.Str("id")}");
        Assert.Equal("CCAS d'Abbeville", read.Str("name"));

        // Duplicate: 409 naming the field and the tenant that has the SIREN.
        var duplicate = await ProblemAsync(await staff.PostJsonAsync("/api/v1/tenants", new { kind = "sivu", name = "SIVU scolaire", siren }), HttpStatusCode.Conflict);
        Assert.Contains("CCAS d'Abbeville", FieldError(duplicate, "siren"));
        // The SIREN of an imported commune too.
        var abbeville = await ProblemAsync(await staff.PostJsonAsync("/api/v1/tenants", new { kind = "ccas", name = "Doublon", siren = "218000016" }), HttpStatusCode.Conflict);
        Assert.Contains("Abbeville", FieldError(abbeville, "siren"));

        // Wrong Luhn key, wrong length: 400 naming the field; a SIRET of another body: 422 naming the field.
        var wrongKey = siren[..8] + (char)('0' + (siren[8] - '0' + 1) % 10);
        var invalid = await ProblemAsync(await staff.PostJsonAsync("/api/v1/tenants", new { kind = "ccas", name = "CCAS", siren = wrongKey }), HttpStatusCode.BadRequest);
        Assert.Contains("n'est pas valide", FieldError(invalid, "siren"));
        var badSiret = await ProblemAsync(await staff.PostJsonAsync("/api/v1/tenants",
            new { kind = "sdis", name = "SDIS de la Somme", siren = NewSiren(), siret = TestSirets.Of("218000016") }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("SIRET", FieldError(badSiret, "siret"));
        var badKind = await ProblemAsync(await staff.PostJsonAsync("/api/v1/tenants", new { kind = "mairie", name = "X", siren = NewSiren() }), HttpStatusCode.BadRequest);
        Assert.Contains("Type de collectivité inconnu", FieldError(badKind, "kind"));

        // Nothing was created by the refusals; a tenant's administrator may not create tenants.
        Assert.Equal(1, (await staff.GetJsonAsync($"/api/v1/tenants?search={siren}")).Int("total"));
        Assert.Equal(0, (await staff.GetJsonAsync($"/api/v1/tenants?search={wrongKey}")).Int("total"));
        Assert.Equal(0, (await staff.GetJsonAsync("/api/v1/tenants?search=SDIS%20de%20la%20Somme")).Int("total"));
        var admin = await factory.AbbevilleAdminAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostJsonAsync("/api/v1/tenants", new { kind = "ccas", name = "X", siren = NewSiren() })).StatusCode);
    }

    [Fact]
    public async Task Staff_correct_the_identity_a_bad_siret_changes_nothing_and_the_history_tells_it_all()
    {
        var staff = await factory.StaffAsync();
        var siren = NewSiren();
        var id = (await CreateAsync(staff, new { kind = "syndicat", name = "Syndicat scolaire du Vimeu", siren })).Str("id")!;

        var saved = await (await PutJsonAsync(staff, $"/api/v1/tenants/{id}/identity",
            new { kind = "sivu", name = "SIVU scolaire du Vimeu", siret = TestSirets.Of(siren, "0002") })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(("sivu", "SIVU scolaire du Vimeu"), (saved.Str("kind"), saved.Str("name")));

        var refused = await ProblemAsync(await PutJsonAsync(staff, $"/api/v1/tenants/{id}/identity",
            new { name = "Autre nom", siret = TestSirets.Of("218000016") }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(siren, FieldError(refused, "siret"));
        var becomesCommune = await ProblemAsync(await PutJsonAsync(staff, $"/api/v1/tenants/{id}/identity",
            new { kind = "commune", name = "Autre nom", inseeCode = "80001" }), HttpStatusCode.UnprocessableEntity);
        Assert.True(becomesCommune.GetProperty("errors").TryGetProperty("kind", out _));
        var read = await staff.GetJsonAsync($"/api/v1/tenants/{id}");
        Assert.Equal(("SIVU scolaire du Vimeu", TestSirets.Of(siren, "0002")), (read.Str("name"), read.Str("siret")));
        Assert.Equal(HttpStatusCode.NotFound, (await PutJsonAsync(staff, $"/api/v1/tenants/{Guid.NewGuid()}/identity", new { name = "X" })).StatusCode);

        var history = (await staff.GetJsonAsync($"/api/v1/tenants/{id}/history")).EnumerateArray().ToList();
        Assert.Equal(["UpdateTenantIdentity", "CreateTenant"], history.Select(h => h.Str("action")!).ToArray());
        Assert.All(history, h => Assert.Equal("Tenancy", h.Str("area")));
        Assert.Equal("agent@somme-numerique.test", history[0].Str("userEmail"));
        Assert.Contains("SIVU scolaire du Vimeu", history[0].Str("after"));
        var treasury = await factory.TreasuryAsync();
        Assert.Equal(HttpStatusCode.OK, (await treasury.GetAsync($"/api/v1/tenants/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await treasury.PutAsJsonAsync($"/api/v1/tenants/{id}/identity", new { name = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/tenants/{Guid.NewGuid()}/history")).StatusCode);
    }

    [Fact]
    public async Task A_joining_and_a_leaving_are_recorded_with_their_deliberation_and_an_overlap_is_refused_in_french()
    {
        var staff = await factory.StaffAsync();
        var id = (await CreateAsync(staff, new { kind = "cc", name = "CC de test des adhésions", siren = NewSiren() })).Str("id")!;

        var joined = await (await staff.PostJsonAsync($"/api/v1/tenants/{id}/memberships",
            new { from = new DateOnly(2026, 4, 1), deliberation = Deliberation("Délibération n° 2026-17") })).ReadJsonAsync(HttpStatusCode.OK);
        var membership = joined.GetProperty("memberships").EnumerateArray().Single();
        Assert.Equal("2026-04-01", membership.Str("from"));
        Assert.Equal("Délibération n° 2026-17", membership.GetProperty("joinDeliberation").Str("reference"));
        Assert.Equal("Comité syndical", membership.GetProperty("joinDeliberation").Str("body"));

        var overlap = await ProblemAsync(await staff.PostJsonAsync($"/api/v1/tenants/{id}/memberships",
            new { from = new DateOnly(2026, 9, 1), deliberation = Deliberation() }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("CC de test des adhésions est déjà membre depuis le 01/04/2026 : une nouvelle adhésion au 01/09/2026 chevaucherait l'adhésion en cours.",
            FieldError(overlap, "from"));
        var noDeliberation = await ProblemAsync(await staff.PostJsonAsync($"/api/v1/tenants/{id}/memberships", new { from = new DateOnly(2027, 1, 1) }), HttpStatusCode.BadRequest);
        Assert.Contains("délibération", FieldError(noDeliberation, "deliberation"));

        var left = await (await staff.PostJsonAsync($"/api/v1/tenants/{id}/memberships/leave",
            new { lastDay = new DateOnly(2026, 12, 31), deliberation = Deliberation("Délibération n° 2026-40") })).ReadJsonAsync(HttpStatusCode.OK);
        var ended = left.GetProperty("memberships").EnumerateArray().Single();
        Assert.Equal("2026-12-31", ended.Str("until"));
        Assert.Equal("Délibération n° 2026-40", ended.GetProperty("leaveDeliberation").Str("reference"));
        var leaveAgain = await ProblemAsync(await staff.PostJsonAsync($"/api/v1/tenants/{id}/memberships/leave",
            new { lastDay = new DateOnly(2027, 12, 31), deliberation = Deliberation() }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("n'est pas membre", FieldError(leaveAgain, "lastDay"));

        // A rejoining after the period is fine; one inside it is refused.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await staff.PostJsonAsync($"/api/v1/tenants/{id}/memberships",
            new { from = new DateOnly(2026, 12, 31), deliberation = Deliberation() })).StatusCode);
        var read = await staff.GetJsonAsync($"/api/v1/tenants/{id}");
        Assert.Single(read.GetProperty("memberships").EnumerateArray());
        var history = (await staff.GetJsonAsync($"/api/v1/tenants/{id}/history")).EnumerateArray().Select(h => h.Str("action")!).ToList();
        Assert.Equal(["RecordMembershipEnd", "RecordMembership", "CreateTenant"], history);
    }

    [Fact]
    public async Task A_population_is_recorded_per_year_with_its_source_and_a_bad_one_changes_nothing()
    {
        var staff = await factory.StaffAsync();
        var id = (await CreateAsync(staff, new { kind = "commune", name = "Commune de test des populations", siren = NewSiren(), inseeCode = "80998" })).Str("id")!;

        var saved = await (await PutJsonAsync(staff, $"/api/v1/tenants/{id}/populations/2025",
            new { population = 1234, source = "INSEE, populations légales 2022" })).ReadJsonAsync(HttpStatusCode.OK);
        var record = saved.GetProperty("populations").EnumerateArray().Single();
        Assert.Equal((2025, 1234, "INSEE, populations légales 2022"), (record.Int("referenceYear"), record.Int("population"), record.Str("source")));

        var negative = await ProblemAsync(await PutJsonAsync(staff, $"/api/v1/tenants/{id}/populations/2025", new { population = -1, source = "x" }), HttpStatusCode.BadRequest);
        Assert.True(negative.GetProperty("errors").TryGetProperty("population", out _));
        var noSource = await ProblemAsync(await PutJsonAsync(staff, $"/api/v1/tenants/{id}/populations/2025", new { population = 1300 }), HttpStatusCode.BadRequest);
        Assert.True(noSource.GetProperty("errors").TryGetProperty("source", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await PutJsonAsync(staff, $"/api/v1/tenants/{id}/populations/1800", new { population = 1, source = "x" })).StatusCode);
        var admin = await factory.AbbevilleAdminAsync();
        var abbeville = await factory.TenantIdByCodeAsync("80001");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync($"/api/v1/tenants/{abbeville}/populations/2025", new { population = 1, source = "x" })).StatusCode);

        var read = await staff.GetJsonAsync($"/api/v1/tenants/{id}");
        Assert.Equal(1234, read.GetProperty("populations").EnumerateArray().Single().Int("population"));
    }

    [Fact]
    public async Task A_csv_import_is_checked_as_a_whole_then_reports_what_it_recorded_changed_and_left()
    {
        var staff = await factory.StaffAsync();
        var sirenA = NewSiren();
        var a = (await CreateAsync(staff, new { kind = "commune", name = "Commune A de l'import", siren = sirenA, inseeCode = "80991" })).Str("id")!;
        var b = (await CreateAsync(staff, new { kind = "commune", name = "Commune B de l'import", siren = NewSiren(), inseeCode = "80992" })).Str("id")!;
        var c = (await CreateAsync(staff, new { kind = "ccas", name = "CCAS de l'import", siren = NewSiren() })).Str("id")!;
        await PutJsonAsync(staff, $"/api/v1/tenants/{b}/populations/2029", new { population = 500, source = "INSEE" });
        var cSiren = (await staff.GetJsonAsync($"/api/v1/tenants/{c}")).Str("siren");

        // Bad lines: an unknown INSEE code, a population that is not a number, a duplicate, a bad SIREN. Nothing changes.
        var bad = "code INSEE;population\n80991;1 000\n80990;12\n80992;douze\n80991;10\n123456789;5\n";
        var refused = await ProblemAsync(await staff.PostJsonAsync("/api/v1/tenants/populations/import", new { year = 2029, csv = bad }), HttpStatusCode.UnprocessableEntity);
        var messages = refused.GetProperty("errors").GetProperty("csv").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(4, messages.Count);
        Assert.Equal("Ligne 3 : aucune commune n'a le code INSEE 80990.", messages[0]);
        Assert.StartsWith("Ligne 4 : la population « douze »", messages[1]);
        Assert.Equal("Ligne 5 : Commune A de l'import figure déjà à la ligne 2.", messages[2]);
        Assert.StartsWith("Ligne 6 :", messages[3]);
        Assert.Empty((await staff.GetJsonAsync($"/api/v1/tenants/{a}")).GetProperty("populations").EnumerateArray());
        Assert.Equal(500, (await staff.GetJsonAsync($"/api/v1/tenants/{b}")).GetProperty("populations").EnumerateArray().Single().Int("population"));

        // Comma separated, SIREN or INSEE code: recorded (new), changed, unchanged.
        var good = $"siren_ou_insee,population\n{sirenA},1000\n80992,520\n{cSiren},80\n";
        var csvHeader = good.Replace("siren_ou_insee", "code", StringComparison.Ordinal);
        var report = await (await staff.PostJsonAsync("/api/v1/tenants/populations/import",
            new { year = 2029, csv = csvHeader, source = "INSEE, populations légales 2026" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((2, 1, 0), (report.Int("recorded"), report.Int("changed"), report.Int("unchanged")));
        var lines = report.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["recorded", "changed", "recorded"], lines.Select(l => l.Str("outcome")!).ToArray());
        Assert.Equal(500, lines[1].Int("previous"));
        var recordedA = (await staff.GetJsonAsync($"/api/v1/tenants/{a}")).GetProperty("populations").EnumerateArray().Single();
        Assert.Equal((2029, 1000, "INSEE, populations légales 2026"), (recordedA.Int("referenceYear"), recordedA.Int("population"), recordedA.Str("source")));

        // The same file again, as a multipart upload: everything unchanged.
        using var form = new MultipartFormDataContent
        {
            { new StringContent("2029"), "year" },
            { new StringContent("INSEE, populations légales 2026"), "source" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csvHeader)), "file", "populations-2029.csv" },
        };
        var again = await (await staff.PostAsync("/api/v1/tenants/populations/import", form)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((0, 0, 3), (again.Int("recorded"), again.Int("changed"), again.Int("unchanged")));
        Assert.Contains("RecordPopulation", (await staff.GetJsonAsync($"/api/v1/tenants/{a}/history")).EnumerateArray().Select(h => h.Str("action")));
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostJsonAsync("/api/v1/tenants/populations/import", new { csv = good })).StatusCode);
    }

    [Fact]
    public async Task A_commune_changes_epci_on_a_date_and_member_prices_follow_the_epci_of_the_month_priced()
    {
        var staff = await factory.StaffAsync();
        var nonMember = (await CreateAsync(staff, new { kind = "cc", name = "CC non membre (test)", siren = NewSiren() })).Str("id")!;
        var member = await factory.TenantIdAsync("248000531"); // CA Amiens Métropole, member
        var commune = (await CreateAsync(staff, new { kind = "commune", name = "Commune qui change d'EPCI", siren = NewSiren(), inseeCode = "80997", parentEpciId = nonMember })).Str("id")!;

        var changed = await (await PutJsonAsync(staff, $"/api/v1/tenants/{commune}/epci",
            new { epciId = member, from = new DateOnly(2026, 7, 1), reason = "Arrêté préfectoral du 15/05/2026" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(member, changed.Str("parentEpciId"));
        var links = (await staff.GetJsonAsync($"/api/v1/tenants/{commune}")).GetProperty("epciLinks").EnumerateArray().ToList();
        Assert.Equal(2, links.Count);
        Assert.Equal(("CC non membre (test)", "2026-06-30"), (links[0].Str("epciName"), links[0].Str("until")));
        Assert.Equal(("CA Amiens Métropole", "2026-07-01", "Arrêté préfectoral du 15/05/2026"), (links[1].Str("epciName"), links[1].Str("from"), links[1].Str("reason")));

        var june = await staff.GetJsonAsync($"/api/v1/catalogue/COFFRE-FORT/price?tenantId={commune}&date=2026-06-15");
        var july = await staff.GetJsonAsync($"/api/v1/catalogue/COFFRE-FORT/price?tenantId={commune}&date=2026-07-15");
        Assert.Equal("nonMember", june.Str("priceList"));
        Assert.Equal("member", july.Str("priceList"));

        // Dated before the latest link, to a non-EPCI, without reason: refused, nothing changes.
        var early = await ProblemAsync(await PutJsonAsync(staff, $"/api/v1/tenants/{commune}/epci",
            new { epciId = nonMember, from = new DateOnly(2026, 1, 1), reason = "Erreur" }), HttpStatusCode.UnprocessableEntity);
        Assert.True(early.GetProperty("errors").TryGetProperty("from", out _));
        var departement = await factory.TenantIdAsync("228000014");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PutJsonAsync(staff, $"/api/v1/tenants/{commune}/epci",
            new { epciId = departement, from = new DateOnly(2027, 1, 1), reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutJsonAsync(staff, $"/api/v1/tenants/{commune}/epci",
            new { epciId = nonMember, from = new DateOnly(2027, 1, 1) })).StatusCode);
        Assert.Equal(2, (await staff.GetJsonAsync($"/api/v1/tenants/{commune}")).GetProperty("epciLinks").GetArrayLength());
    }

    [Fact]
    public async Task A_missing_population_year_is_set_aside_and_a_correction_after_an_issued_run_leaves_the_invoice_as_issued()
    {
        var staff = await factory.StaffAsync();
        var epci = await factory.TenantIdAsync("200070993"); // a member EPCI (CA de la Baie de Somme)
        var commune = (await CreateAsync(staff, new { kind = "commune", name = "Commune sans population", siren = NewSiren(), inseeCode = "80996", parentEpciId = epci })).Str("id")!;
        // The quote needs the start year's population; 2025 is left missing.
        await PutJsonAsync(staff, $"/api/v1/tenants/{commune}/populations/2024", new { population = 9000, source = "INSEE" });
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, new DateOnly(2024, 1, 1), commune));

        // 2025 is missing: set aside with a readable reason, never billed on 2024's figure.
        var preview = await staff.StartRunAsync("2025");
        var row = preview.RowOf(commune)!.Value;
        Assert.Equal(0, row.Int("lineCount"));
        Assert.Contains("population légale 2025 de Commune sans population n'est pas enregistrée", row.Str("warnings"));
        await (await staff.PostJsonAsync($"/api/v1/billing-runs/{preview.Str("id")}/abandon", new { })).ReadJsonAsync(HttpStatusCode.OK);

        // Recorded: billed (1 000 × 0,07 = 70,00 € HT), issued.
        await PutJsonAsync(staff, $"/api/v1/tenants/{commune}/populations/2025", new { population = 1000, source = "INSEE, populations légales 2022" });
        var run = await staff.StartRunAsync("2025");
        Assert.Equal(70.00m, run.RowOf(commune)!.Value.Dec("totalHt"));
        await staff.IssueAsync(run.Str("id")!);
        var invoice = (await staff.InvoicesAsync(commune, "2025")).Single();
        Assert.Equal(70.00m, invoice.Dec("totalHt"));

        // Corrected after the issue: the issued invoice is unchanged; the rules bill again only new subscriptions and
        // added units (domain README, Billing), not an amount difference: the next run bills nothing more for it.
        await PutJsonAsync(staff, $"/api/v1/tenants/{commune}/populations/2025", new { population = 2000, source = "Arrêté rectificatif" });
        Assert.Equal(70.00m, (await staff.GetJsonAsync($"/api/v1/invoices/{invoice.Str("id")}")).GetProperty("invoice").Dec("totalHt"));
        var next = await staff.StartRunAsync("2025");
        Assert.Null(next.RowOf(commune));
        await (await staff.PostJsonAsync($"/api/v1/billing-runs/{next.Str("id")}/abandon", new { })).ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>
    /// Seed 002, « Les cotisations syndicales » (budget primitif 2019): the Département 571 879 × 0,50, Amiens Métropole
    /// 182 600 × 0,70, the 14 other EPCI × 0,65 — 16 lines, 687 273,00 € in all. The populations come from the reference
    /// import (data/somme-membership.json, source seed 002).
    /// </summary>
    [Fact]
    public async Task The_2019_statutory_contribution_is_billed_exactly_as_seed_002s_table()
    {
        var staff = await factory.StaffAsync();
        var expected = new Dictionary<string, decimal>
        {
            ["228000014"] = 285_939.50m, ["248000531"] = 127_820.00m, ["200070993"] = 33_189.00m, ["200070969"] = 15_180.10m,
            ["200037059"] = 18_678.40m, ["200070977"] = 16_391.05m, ["248000747"] = 18_861.70m, ["248000499"] = 17_346.55m,
            ["200070944"] = 15_375.10m, ["200070985"] = 13_699.40m, ["200071223"] = 18_666.05m, ["200070936"] = 22_021.35m,
            ["200071181"] = 25_556.05m, ["200070928"] = 12_080.90m, ["200070951"] = 21_088.60m, ["247600588"] = 25_379.25m,
        };
        var members = (await staff.GetJsonAsync("/api/v1/tenants?memberOn=2019-06-01&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(16, members.Count);
        Assert.Equal(expected.Keys.Order(), members.Select(m => m.Str("siren")!).Order());
        foreach (var member in members)
        {
            var details = await staff.GetJsonAsync($"/api/v1/tenants/{member.Str("id")}");
            var population2019 = details.GetProperty("populations").EnumerateArray().Single(p => p.Int("referenceYear") == 2019);
            Assert.StartsWith("Seed 002", population2019.Str("source"));
            await staff.SubscribeAsync(Request("COTISATION", 1, new DateOnly(2019, 1, 1), member.Str("id")));
        }

        var preview = await staff.StartRunAsync("2019");
        var issued = await staff.IssueAsync(preview.Str("id")!);
        var lines = new List<(string Siren, JsonElement Line)>();
        foreach (var member in members)
            foreach (var invoice in await staff.InvoicesAsync(member.Str("id")!, "2019"))
                lines.AddRange(invoice.Lines().Where(l => l.Str("offerCode") == "COTISATION").Select(l => (member.Str("siren")!, l)));

        Assert.Equal(16, lines.Count);
        foreach (var (siren, line) in lines) Assert.Equal(expected[siren], line.Dec("amountHt"));
        Assert.Equal(687_273.00m, lines.Sum(l => l.Line.Dec("amountHt")));
        Assert.Equal(687_273.00m, issued.Dec("issuedTotalTtc")); // out of VAT scope: TTC = HT
    }
}

public sealed class SqliteTenantRecordsApiTests(SqliteApp app) : TenantRecordsApiTests(app.Factory), IClassFixture<SqliteApp>;

public sealed class PostgreSqlTenantRecordsApiTests(PostgreSqlApp app) : TenantRecordsApiTests(app.Factory), IClassFixture<PostgreSqlApp>;
