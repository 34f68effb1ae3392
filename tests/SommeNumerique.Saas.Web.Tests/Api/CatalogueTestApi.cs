using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Domain.Auditing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Api;

/// <summary>
/// Helpers of the catalogue API tests: fresh codes, staff commands, reading an item back, problem details.
/// Every test that changes the catalogue works on items of its own (codes with a random suffix), since the
/// tests of a class share one application and one database.
/// </summary>
internal static class CatalogueTestApi
{
    public const string AdminRoot = "/api/v1/admin/catalogue";

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.Today);

    public static DateOnly FirstOfThisMonth => new(Today.Year, Today.Month, 1);

    /// <summary>A code nobody else uses: prefix + 20 hex digits, upper case (A-Z, 0-9, '-', at most 40).</summary>
    public static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 21)].ToUpperInvariant();

    public static object ItemBody(string code, string name = "Service de test", string? membership = null, int? maxWorkstations = null) => new
    {
        code,
        fields = new
        {
            name,
            description = "Créé par les tests d'intégration",
            unitLabel = "agent",
            natureAccount = "706",
            membership,
            maxWorkstationsExclusive = maxWorkstations,
        },
    };

    /// <summary>A valid per-unit tariff: member/non-member prices, voted by the Comité syndical the day it takes effect.</summary>
    public static Dictionary<string, object?> PerUnitTariff(DateOnly effectiveFrom, decimal member = 12m, decimal nonMember = 15m, string reference = "Délibération de test") => new()
    {
        ["deliberationBody"] = "Comité syndical",
        ["deliberationDate"] = effectiveFrom,
        ["deliberationReference"] = reference,
        ["effectiveFrom"] = effectiveFrom,
        ["model"] = "perUnitPerYear",
        ["vat"] = "standard",
        ["memberPrice"] = member,
        ["nonMemberPrice"] = nonMember,
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string key, object? value)
    {
        var copy = new Dictionary<string, object?>(body) { [key] = value };
        if (value is null) copy.Remove(key);
        return copy;
    }

    /// <summary>Creates an unpublished item (with its offer of the same code) and returns the item code.</summary>
    public static async Task<string> CreateItemAsync(this HttpClient staff, string prefix = "IT", string? membership = null, int? maxWorkstations = null)
    {
        var code = NewCode(prefix);
        var response = await staff.PostAsJsonAsync(AdminRoot, ItemBody(code, $"Service {code}", membership, maxWorkstations));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {AdminRoot} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return code;
    }

    public static async Task<JsonElement> AddTariffAsync(this HttpClient staff, string offerCode, Dictionary<string, object?> tariff)
    {
        var response = await staff.PostAsJsonAsync($"{AdminRoot}/offers/{offerCode}/tariffs", tariff);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST tariff on {offerCode} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string url, object? body = null)
    {
        var response = await client.PostAsJsonAsync(url, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>GET /api/v1/admin/catalogue/{code}: { item, history }.</summary>
    public static Task<JsonElement> ItemDetailsAsync(this HttpClient staff, string itemCode) =>
        staff.GetJsonAsync($"{AdminRoot}/{itemCode}");

    public static JsonElement Offer(this JsonElement details, string offerCode) =>
        details.GetProperty("item").GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("code").GetString() == offerCode);

    public static IReadOnlyList<JsonElement> ItemHistory(this JsonElement details) =>
        details.GetProperty("history").EnumerateArray().ToList();

    /// <summary>
    /// The item as stored (offers, versions), read straight from the app's database: what a command did or
    /// did not change, independently of the API's own views (GET /api/v1/admin/catalogue/{code} is tested on its own).
    /// </summary>
    public static async Task<CatalogueItem> StoredItemAsync(this SaasAppFactory factory, string itemCode)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        return await db.CatalogueItems.AsNoTracking().Include(i => i.Offers).ThenInclude(o => o.Versions)
            .SingleAsync(i => i.Code == itemCode);
    }

    public static async Task<IReadOnlyList<TariffVersion>> StoredVersionsAsync(this SaasAppFactory factory, string itemCode, string? offerCode = null) =>
        (await factory.StoredItemAsync(itemCode)).Offers.Single(o => o.Code == (offerCode ?? itemCode)).Versions.OrderBy(v => v.EffectiveFrom).ToList();

    /// <summary>The catalogue audit entries of an item and its offers, oldest first, read from the database.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> StoredAuditAsync(this SaasAppFactory factory, string itemCode)
    {
        var item = await factory.StoredItemAsync(itemCode);
        var subjects = item.Offers.Select(o => o.Code).Append(item.Code).Distinct().ToList();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Area == "Catalogue" && subjects.Contains(a.Subject)).ToListAsync();
        return entries.OrderBy(a => a.At).ToList();
    }

    /// <summary>What a refused command must leave untouched: every offer's publication and versions, and the audit log.</summary>
    public static async Task<string> StateAsync(this SaasAppFactory factory, string itemCode)
    {
        var item = await factory.StoredItemAsync(itemCode);
        var offers = item.Offers.OrderBy(o => o.Code).Select(o =>
            $"{o.Code}:published={o.IsPublished}:versions=" + string.Join(",", o.Versions.OrderBy(v => v.EffectiveFrom)
                .Select(v => $"{v.Id}/{v.EffectiveFrom:yyyy-MM-dd}/{v.MemberPrice}/{v.NonMemberPrice}")));
        return string.Join(" | ", offers) + $" | audit={(await factory.StoredAuditAsync(itemCode)).Count}";
    }

    /// <summary>Asserts an RFC 9457 problem with the status, and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The messages of the field errors whose name contains <paramref name="field"/> (case-insensitive).</summary>
    public static IReadOnlyList<string> FieldErrors(this JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Where(p => p.Name.Contains(field, StringComparison.OrdinalIgnoreCase))
                .SelectMany(p => p.Value.EnumerateArray().Select(e => e.GetString()!)).ToList()
            : [];

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body = null, string? tenantId = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (tenantId is not null) request.Headers.Add("X-Tenant-Id", tenantId);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await client.SendAsync(request);
    }

    /// <summary>The catalogue entries (GET /api/v1/catalogue) by offer code.</summary>
    public static Dictionary<string, JsonElement> EntriesByOffer(this JsonElement catalogue) =>
        catalogue.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("offerCode").GetString()!);

    public static decimal Dec(this JsonElement element, string property) => element.GetProperty(property).GetDecimal();
}
