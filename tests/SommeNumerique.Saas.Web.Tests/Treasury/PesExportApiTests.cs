using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Treasury;

/// <summary>
/// The PES V2 recette export of an issued billing run, through the API, on each database provider: the flow
/// validates against the DGFiP XSD 2.1.a, its totals are the run's, the reduction points at its titre, the PDFs
/// travel as PJ, and a second export gives the same bytes. Each test bills a period of its own.
/// </summary>
public abstract class PesExportApiTests(SaasAppFactory factory)
{
    private const string Ablaincourt = "80002";   // commune of a member EPCI: pack cyber 8 units → a setup-fee line
    private const string Amiens = "80021";        // dematerialisation lowered to the cap
    private const string Ercourt = "80280";       // dematerialisation raised to the floor
    private const string VitzSurAuthie = "80810"; // not a member

    private static string V(XElement parent, string name) => parent.Element(name)!.Attribute("V")!.Value;
    /// <summary>An amount of the flow; a VAT amount left out (no VAT, as Hélios wants) reads as 0.</summary>
    private static decimal M(XElement parent, string name) =>
        parent.Element(name) is null && name is "MtTVA" or "MtBordTVA" ? 0m
            : decimal.Parse(V(parent, name), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_issued_run_is_exported_as_a_valid_PES_flow_with_its_titres_reductions_and_PDFs_and_again_identically()
    {
        var staff = await factory.StaffAsync();
        var treasury = await factory.SignedInAsync(DemoAccounts.TreasuryEmail);
        var ablaincourt = await factory.TenantIdByCodeAsync(Ablaincourt);
        var amiens = await factory.TenantIdByCodeAsync(Amiens);
        var ercourt = await factory.TenantIdByCodeAsync(Ercourt);
        var vitz = await factory.TenantIdByCodeAsync(VitzSurAuthie);
        var january = new DateOnly(2025, 1, 1);
        await staff.SubscribeAsync(Request("PACK-CYBER", 8, january, ablaincourt));
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, january, ercourt));
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, january, amiens));
        await staff.SubscribeAsync(Request("PACK-CYBER", 8, january, vitz));
        var ercourtSiret = TestSirets.Of((await staff.GetJsonAsync($"/api/v1/tenants/{ercourt}")).Str("siren")!);
        await (await staff.PutAsJsonAsync($"/api/v1/tenants/{ercourt}/profile", new
        {
            declaredWorkstations = 2, addressLine1 = "Mairie, 1 rue de l'Église", postalCode = "80210", city = "Ercourt",
            contactName = "Secrétariat de mairie", contactEmail = "mairie@ercourt.test", siret = ercourtSiret,
        })).ReadJsonAsync(HttpStatusCode.OK);
        var run = (await staff.StartRunAsync("2025")).Str("id")!;
        await staff.IssueAsync(run);
        var invoices = (await staff.GetJsonAsync($"/api/v1/invoices?billingRunId={run}&pageSize=200"))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.True(invoices.Count >= 4);
        var pack = (await staff.InvoicesAsync(ablaincourt, "2025")).Single();
        var setupLine = pack.Line("SetupFee", "PACK-CYBER").Int("position");
        var note = await (await staff.PostJsonAsync($"/api/v1/invoices/{pack.Str("id")}/credit-notes",
            new { reason = "Tranche facturée par erreur", lines = new[] { setupLine } })).ReadJsonAsync(HttpStatusCode.Created);

        await (await treasury.PostJsonAsync($"/api/v1/billing-runs/{run}/exports/pes/numbering", new { })).ReadJsonAsync(HttpStatusCode.OK);
        var response = await treasury.GetAsync($"/api/v1/billing-runs/{run}/exports/pes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^PES_Recette_2025_[0-9a-f]{8}\.xml$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        // SN_PES_OUTPUT_DIR: keep the flow for the outside Hélios rules check (shared/standards/tools/pes_rules.py).
        if (Environment.GetEnvironmentVariable("SN_PES_OUTPUT_DIR") is { Length: > 0 } keep)
            await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(keep).FullName, $"pes-{factory.Provider}.xml"), bytes);

        // (1) The flow is valid against the XSD 2.1.a, and the validation does reject a broken flow.
        Assert.Empty(PesSchema.Errors(bytes));
        var flow = XDocument.Load(new MemoryStream(bytes));
        var broken = new XDocument(flow);
        broken.Descendants("Nature").First().Remove();
        Assert.NotEmpty(PesSchema.Errors(broken));
        var titreOrmc = new XDocument(flow);
        titreOrmc.Descendants("TypPce").First().Attribute("V")!.Value = "15"; // titre ORMC: later schemas only
        Assert.Contains(PesSchema.Errors(titreOrmc), e => e.Contains("15"));

        // (2) The titres: one per invoice of the run, the run's totals, each piece's VAT = the invoice's.
        var bordereaux = flow.Root!.Element("PES_RecetteAller")!.Elements("Bordereau").ToList();
        Assert.Equal(["01", "02"], bordereaux.Select(b => V(b.Element("BlocBordereau")!, "TypBord")));
        var (titres, reductions) = (bordereaux[0], bordereaux[1]);
        var block = titres.Element("BlocBordereau")!;
        Assert.Equal(invoices.Count, int.Parse(V(block, "NbrPce")));
        Assert.Equal(invoices.Count, titres.Elements("Piece").Count());
        Assert.Equal(invoices.Sum(i => i.Dec("totalHt")), M(block, "MtBordHt"));
        Assert.Equal(invoices.Sum(i => i.Dec("totalTtc") - i.Dec("totalHt")), M(block, "MtBordTVA"));
        Assert.Equal(invoices[0].Date("issueDate").Year.ToString(), V(block, "Exer")); // the exercise is the year of issue
        var attachments = flow.Root.Element("PES_PJ")!.Elements("PJ").ToDictionary(pj => V(pj, "IdUnique"));
        Assert.Equal(invoices.Count + 1, attachments.Count);
        var titreOf = new Dictionary<string, string>();
        foreach (var piece in titres.Elements("Piece"))
        {
            var bloc = piece.Element("BlocPiece")!;
            var reference = bloc.Element("PJRef")!;
            var number = V(reference, "NomPJ")[..^4];
            var invoice = invoices.Single(i => i.Str("number") == number);
            titreOf[number] = V(bloc, "IdPce");
            Assert.Equal(("01", "01"), (V(bloc, "TypPce"), V(bloc, "NatPce")));
            Assert.EndsWith(number, V(bloc, "ObjPce"));
            var lines = piece.Elements("LigneDePiece").Select(l => l.Element("BlocLignePiece")!.Element("InfoLignePiece")!).ToList();
            Assert.Equal(invoice.Dec("totalHt"), lines.Sum(l => M(l, "MtHT")));
            Assert.Equal(invoice.Dec("totalTtc") - invoice.Dec("totalHt"), lines.Sum(l => M(l, "MtTVA")));
            Assert.All(lines, l => Assert.Equal(("0", "0"), (V(l, "Majo"), V(l, "TvaIntraCom"))));
            var tiers = piece.Element("LigneDePiece")!.Element("Tiers")!;
            // every debtor here is a commune (CatTiers 23), a public body (NatJur 09), the main debtor (TypTiers 01)
            Assert.Equal(("23", "09", "01"), (V(tiers.Element("InfoTiers")!, "CatTiers"), V(tiers.Element("InfoTiers")!, "NatJur"), V(tiers.Element("InfoTiers")!, "TypTiers")));
            var pdf = attachments[V(reference, "IdUnique")];
            Assert.Equal(number + ".pdf", V(pdf, "NomPJ"));
            Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(Gunzip(Convert.FromBase64String(pdf.Element("Contenu")!.Element("Fichier")!.Value))[..5]));
        }
        Assert.Equal(invoices.Count, titreOf.Values.Distinct().Count());
        var ercourtPiece = titres.Elements("Piece").Single(p => V(p.Element("BlocPiece")!.Element("PJRef")!, "NomPJ") ==
            invoices.Single(i => i.Str("tenantId") == ercourt).Str("number") + ".pdf");
        var ercourtTiers = ercourtPiece.Element("LigneDePiece")!.Element("Tiers")!;
        Assert.Equal(("80210", "Ercourt"), (V(ercourtTiers.Element("Adresse")!, "CP"), V(ercourtTiers.Element("Adresse")!, "Ville")));
        // The debtor is identified by its SIRET when the tenant gave one (NatIdTiers 01), else by its SIREN (02).
        Assert.Equal((ercourtSiret, "01"), (V(ercourtTiers.Element("InfoTiers")!, "IdTiers"), V(ercourtTiers.Element("InfoTiers")!, "NatIdTiers")));
        var vitzTiers = titres.Elements("Piece").Single(p => V(p.Element("BlocPiece")!.Element("PJRef")!, "NomPJ") ==
            invoices.Single(i => i.Str("tenantId") == vitz).Str("number") + ".pdf").Element("LigneDePiece")!.Element("Tiers")!.Element("InfoTiers")!;
        Assert.Equal("02", V(vitzTiers, "NatIdTiers"));
        Assert.Equal(9, V(vitzTiers, "IdTiers").Length);

        // (3) The credit note: a reduction (bordereau 02, nature 06) of the line it credits on the invoice's titre.
        var reduction = Assert.Single(reductions.Elements("Piece"));
        var reductionBlock = reductions.Element("BlocBordereau")!;
        Assert.Equal((1, note.Dec("totalHt"), note.Dec("totalVat")), (int.Parse(V(reductionBlock, "NbrPce")), M(reductionBlock, "MtBordHt"), M(reductionBlock, "MtBordTVA")));
        Assert.NotEqual(V(block, "IdBord"), V(reductionBlock, "IdBord"));
        Assert.Equal("06", V(reduction.Element("BlocPiece")!, "NatPce"));
        var reducedLine = Assert.Single(reduction.Elements("LigneDePiece")).Element("BlocLignePiece")!;
        Assert.Equal(150.00m, M(reducedLine.Element("InfoLignePiece")!, "MtHT"));
        var rattach = reducedLine.Element("RattachPiece")!;
        Assert.Equal("01", V(rattach, "NatPceOrig"));
        Assert.Equal(V(block, "Exer"), V(rattach, "ExerRat"));
        Assert.Equal(titreOf[pack.Str("number")!], V(rattach, "IdPceOrig"));
        Assert.Equal(setupLine.ToString(), V(rattach, "IdLigneOrig"));
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(Gunzip(Convert.FromBase64String(
            attachments[V(reduction.Element("BlocPiece")!.Element("PJRef")!, "IdUnique")].Element("Contenu")!.Element("Fichier")!.Value))[..5]));

        // (4) The numbers are kept: a second export (by staff) gives the same flow, byte for byte outside the PDFs, whose
        // bytes PDFsharp 6.5 varies at each rendering (random font-subset tags and XMP ids): there, the same PJ, each a PDF.
        var again = await staff.GetAsync($"/api/v1/billing-runs/{run}/exports/pes");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await again.Content.ReadAsByteArrayAsync();
        Assert.Equal(WithoutPdfContent(bytes), WithoutPdfContent(second));
        Assert.Equal(attachments.Count, XDocument.Load(new MemoryStream(second)).Descendants("Fichier").Count(f =>
            Encoding.ASCII.GetString(Gunzip(Convert.FromBase64String(f.Value))[..5]) == "%PDF-"));
    }

    [Fact]
    public async Task Only_the_host_exports_and_only_an_issued_run()
    {
        var staff = await factory.StaffAsync();
        var treasury = await factory.SignedInAsync(DemoAccounts.TreasuryEmail);
        var aumatre = await factory.TenantIdByCodeAsync("80040");
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, new DateOnly(2022, 1, 1), aumatre));
        var previewed = (await staff.StartRunAsync("2022")).Str("id")!;

        var notIssued = await treasury.GetAsync($"/api/v1/billing-runs/{previewed}/exports/pes");
        Assert.Contains("non émise", (await notIssued.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"));
        await (await treasury.GetAsync($"/api/v1/billing-runs/{Guid.NewGuid()}/exports/pes")).ProblemAsync(HttpStatusCode.NotFound);

        var notIssuedNumbering = await treasury.PostJsonAsync($"/api/v1/billing-runs/{previewed}/exports/pes/numbering", new { });
        Assert.Contains("non émise", (await notIssuedNumbering.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"));

        await staff.IssueAsync(previewed);
        var secretary = await factory.SecretaryAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsTenantAsync($"/api/v1/billing-runs/{previewed}/exports/pes", aumatre)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostJsonAsync($"/api/v1/billing-runs/{previewed}/exports/pes/numbering", new { }, aumatre)).StatusCode);
        await (await treasury.PostJsonAsync($"/api/v1/billing-runs/{previewed}/exports/pes/numbering", new { })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await treasury.GetAsync($"/api/v1/billing-runs/{previewed}/exports/pes")).StatusCode);
    }

    /// <summary>Issue 11, item 10: the GET only reads; numbering is an explicit, idempotent POST (staff or treasury).</summary>
    [Fact]
    public async Task The_export_reads_only_and_the_titres_are_numbered_by_an_explicit_idempotent_POST()
    {
        var staff = await factory.StaffAsync();
        var treasury = await factory.TreasuryAsync();
        var ablaincourt = await factory.TenantIdByCodeAsync(Ablaincourt); // a commune no other test of the class subscribes to the dematerialisation
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, new DateOnly(2021, 1, 1), ablaincourt));
        var run = (await staff.StartRunAsync("2021")).Str("id")!;
        await staff.IssueAsync(run);
        var numberingUrl = $"/api/v1/billing-runs/{run}/exports/pes/numbering";

        // Before numbering: the GET answers 409 in French and gives no number (the state still says so after).
        var early = await treasury.GetAsync($"/api/v1/billing-runs/{run}/exports/pes");
        Assert.Contains("pas encore numérotés", (await early.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"));
        var state = await treasury.GetJsonAsync(numberingUrl);
        Assert.Equal((1, 1, 0), (state.Int("pieces"), state.Int("unnumbered"), state.GetProperty("bordereaux").GetArrayLength()));

        // The POST numbers (staff may too) and answers the numbers; a second POST gives the same ones.
        var first = await (await staff.PostJsonAsync(numberingUrl, new { })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(first.GetProperty("complete").GetBoolean());
        var bordereau = Assert.Single(first.GetProperty("bordereaux").EnumerateArray().ToList());
        Assert.Equal(("01", 1), (bordereau.Str("type"), bordereau.Int("pieces")));
        var again = await (await treasury.PostJsonAsync(numberingUrl, new { })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(first.GetRawText(), again.GetRawText());
        var download = await treasury.GetAsync($"/api/v1/billing-runs/{run}/exports/pes");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Empty(PesSchema.Errors(await download.Content.ReadAsByteArrayAsync()));

        // A credit note issued since has no titre yet: the GET refuses again until it is numbered; the titres keep theirs.
        var invoice = (await staff.InvoicesAsync(ablaincourt, "2021")).Single();
        await (await staff.PostJsonAsync($"/api/v1/invoices/{invoice.Str("id")}/credit-notes", new { reason = "Erreur de quantité" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var stale = await treasury.GetAsync($"/api/v1/billing-runs/{run}/exports/pes");
        Assert.Contains("avoirs", (await stale.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"));
        var renumbered = await (await treasury.PostJsonAsync(numberingUrl, new { })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(bordereau.GetRawText(), renumbered.GetProperty("bordereaux")[0].GetRawText());
        Assert.Equal("02", renumbered.GetProperty("bordereaux")[1].Str("type"));
        Assert.Equal(HttpStatusCode.OK, (await treasury.GetAsync($"/api/v1/billing-runs/{run}/exports/pes")).StatusCode);
    }

    /// <summary>The flow's text with the content of each PJ file blanked out.</summary>
    private static string WithoutPdfContent(byte[] flow) =>
        System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(flow), "(<Fichier[^>]*>)[^<]*(</Fichier>)", "$1$2");

    private static byte[] Gunzip(byte[] compressed)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress)) gzip.CopyTo(output);
        return output.ToArray();
    }
}

public sealed class SqlitePesExportApiTests(SqliteApp app) : PesExportApiTests(app.Factory), IClassFixture<SqliteApp>;

public sealed class PostgreSqlPesExportApiTests(PostgreSqlApp app) : PesExportApiTests(app.Factory), IClassFixture<PostgreSqlApp>;
