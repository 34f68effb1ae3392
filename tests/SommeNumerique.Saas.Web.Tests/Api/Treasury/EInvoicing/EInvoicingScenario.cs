using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Treasury.EInvoicing;

/// <summary>One downloaded e-invoice, with the invoice or credit note the API shows for it.</summary>
internal sealed record DownloadedUbl(string FileName, byte[] Content, JsonElement Invoice)
{
    public XDocument Xml => XDocument.Load(new MemoryStream(Content));
}

/// <summary>
/// An application with a complete seller identity and an IBAN, where the year 2025 is billed through the API
/// once: Abbeville (member commune, with SIRET, Chorus Pro code service and engagement, and a billing address)
/// with a first-year gratuity and setup fees; Ercourt (no SIRET) raised to the floor; Amiens lowered to the cap;
/// then two credit notes. Every e-invoice is downloaded once, and the whole lot goes through the Schematron in
/// one Saxon call (with one deliberately corrupted copy, which must fail).
/// </summary>
public sealed class EInvoicingScenario : IAsyncLifetime
{
    public const string SellerSiren = "200000000";
    public const string SellerVat = "FR40200000000";
    public const string SellerIban = "FR7630001007941234567890185";
    public const string ServiceCode = "SERVICE-FINANCES";
    public const string Engagement = "EJ2025000123";
    public const string Corrupted = "corrupted-tax-inclusive.xml";

    private const string AbbevilleInsee = "80001";
    private const string ErcourtInsee = "80280";
    private const string AmiensInsee = "80021";

    private readonly Lazy<Task<Results>> _results;
    private readonly string _folder = Directory.CreateTempSubdirectory("sn-einvoicing-").FullName;

    public EInvoicingScenario() => _results = new Lazy<Task<Results>>(RunAsync);

    public SaasAppFactory Factory { get; } = SaasAppFactory.Sqlite();

    internal Task<Results> ResultsAsync() => _results.Value;

    internal sealed record Results(
        string AbbevilleId, string AbbevilleSiret, string AmiensId,
        IReadOnlyList<DownloadedUbl> Invoices, IReadOnlyList<DownloadedUbl> CreditNotes,
        IReadOnlyDictionary<string, IReadOnlyList<FailedAssert>> Schematron)
    {
        public IEnumerable<DownloadedUbl> All => Invoices.Concat(CreditNotes);
    }

    public Task InitializeAsync()
    {
        Factory.Settings["Seller:Siren"] = SellerSiren;
        Factory.Settings["Seller:Siret"] = SellerSiren + "00011";
        Factory.Settings["Seller:VatNumber"] = SellerVat;
        Factory.Settings["EInvoicing:SellerIban"] = SellerIban;
        Factory.Settings["EInvoicing:SellerBic"] = "BDFEFRPPCCT";
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<Results> RunAsync()
    {
        var staff = await Factory.StaffAsync();
        var abbeville = await Factory.TenantIdByCodeAsync(AbbevilleInsee);
        var ercourt = await Factory.TenantIdByCodeAsync(ErcourtInsee);
        var amiens = await Factory.TenantIdByCodeAsync(AmiensInsee);
        // The tenant's profile, as its administrator or staff give it: billing address, a valid SIRET of its SIREN,
        // Chorus Pro code service and engagement.
        var siret = TestSirets.Of((await staff.GetJsonAsync($"/api/v1/tenants/{abbeville}")).GetProperty("siren").GetString()!);
        var profile = await staff.PutAsJsonAsync($"/api/v1/tenants/{abbeville}/profile",
            new
            {
                declaredWorkstations = 10, addressLine1 = "Place de l'Hôtel de Ville", postalCode = "80100", city = "Abbeville",
                contactName = "Service financier", contactEmail = "finances@abbeville.test",
                siret, chorusServiceCode = ServiceCode, chorusEngagementNumber = Engagement,
            });
        Assert.True(profile.IsSuccessStatusCode, await profile.Content.ReadAsStringAsync());

        var january = new DateOnly(2025, 1, 1);
        await staff.SubscribeAsync(Request("COFFRE-FORT", 10, january, abbeville));   // service + first-year gratuity (negative)
        await staff.SubscribeAsync(Request("PACK-CYBER", 8, january, abbeville));     // service + setup fee
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, january, ercourt)); // raised to the floor
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, january, amiens));  // lowered to the cap (negative)
        var run = await staff.StartRunAsync("2025");
        await staff.IssueAsync(run.Str("id")!);

        var invoices = new List<JsonElement>();
        foreach (var tenant in new[] { abbeville, ercourt, amiens })
            invoices.Add((await staff.InvoicesAsync(tenant, "2025")).Single());
        var abbevilleInvoice = invoices[0];
        var setup = abbevilleInvoice.Line("SetupFee", "PACK-CYBER").Int("position");
        var creditNotes = new List<JsonElement>
        {
            await CreditAsync(staff, abbevilleInvoice.Str("id")!, new { reason = "Frais de mise en service non dus", lines = new[] { setup } }),
            await CreditAsync(staff, invoices[2].Str("id")!, new { reason = "Erreur de destinataire" }),
        };

        var folder = _folder;
        var downloadedInvoices = new List<DownloadedUbl>();
        foreach (var invoice in invoices) downloadedInvoices.Add(await DownloadAsync(staff, invoice, folder));
        var downloadedNotes = new List<DownloadedUbl>();
        foreach (var note in creditNotes) downloadedNotes.Add(await DownloadAsync(staff, note, folder));
        await File.WriteAllBytesAsync(Path.Combine(folder, Corrupted), CorruptTaxInclusive(downloadedInvoices[0].Content));

        var schematron = await EInvoiceValidation.SchematronAsync(folder);
        return new Results(abbeville, siret, amiens, downloadedInvoices, downloadedNotes, schematron);
    }

    private static async Task<JsonElement> CreditAsync(HttpClient staff, string invoiceId, object body)
    {
        var created = await (await staff.PostJsonAsync($"/api/v1/invoices/{invoiceId}/credit-notes", body)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.TryGetProperty("invoice", out var inner) ? inner.Str("id") : created.Str("id");
        return (await staff.GetJsonAsync($"/api/v1/invoices/{id}")).GetProperty("invoice");
    }

    private static async Task<DownloadedUbl> DownloadAsync(HttpClient client, JsonElement invoice, string folder)
    {
        var response = await client.GetAsync($"/api/v1/invoices/{invoice.Str("id")}/ubl");
        var content = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"UBL of {invoice.Str("number")}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(content)}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        Assert.Equal($"{invoice.Str("number")}.xml", fileName);
        await File.WriteAllBytesAsync(Path.Combine(folder, fileName!), content);
        return new DownloadedUbl(fileName!, content, invoice);
    }

    /// <summary>The same document with TaxInclusiveAmount (BT-112) one cent too high.</summary>
    public static byte[] CorruptTaxInclusive(byte[] document)
    {
        var xml = XDocument.Load(new MemoryStream(document));
        var amount = xml.Descendants(Ubl.Cbc + "TaxInclusiveAmount").Single();
        amount.Value = (decimal.Parse(amount.Value, System.Globalization.CultureInfo.InvariantCulture) + 0.01m)
            .ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        var stream = new MemoryStream();
        xml.Save(stream);
        return stream.ToArray();
    }
}

/// <summary>UBL namespaces and readers for the assertions.</summary>
internal static class Ubl
{
    public static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    public static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    public static string? Value(this XContainer xml, params string[] path)
    {
        IEnumerable<XElement> current = [xml is XDocument d ? d.Root! : (XElement)xml];
        for (var i = 0; i < path.Length; i++)
        {
            var ns = i == path.Length - 1 ? Cbc : Cac;
            current = current.Elements(ns + path[i]);
        }
        return current.SingleOrDefault()?.Value;
    }

    public static decimal Amount(this XContainer xml, params string[] path) =>
        decimal.Parse(xml.Value(path) ?? throw new InvalidOperationException(string.Join("/", path) + " missing"), System.Globalization.CultureInfo.InvariantCulture);
}
