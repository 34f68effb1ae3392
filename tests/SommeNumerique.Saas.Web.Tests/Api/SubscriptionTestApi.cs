using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Api;

/// <summary>
/// Helpers of the subscription API tests. The tests of a class share one application and one database, and
/// the first-year gratuity depends on whether a tenant ever subscribed to the item: each test works on a
/// tenant/item combination of its own (see the allocation at the top of <see cref="SubscriptionApiTests"/>).
/// </summary>
internal static class SubscriptionTestApi
{
    public const string Root = "/api/v1/subscriptions";

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.Today);

    public static DateOnly FirstOfThisMonth => new(Today.Year, Today.Month, 1);

    /// <summary>1 January of next year: when a decrease takes effect (calendar-year billing).</summary>
    public static DateOnly NextFirstOfJanuary => new(Today.Year + 1, 1, 1);

    /// <summary>The months of the current calendar year from this month on (every started month is due).</summary>
    public static int MonthsLeftThisYear => 12 - Today.Month + 1;

    /// <summary>Rounded half away from zero to the cent, as the application does.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd");

    public static string French(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Date(this JsonElement element, string property) => DateOnly.Parse(element.GetProperty(property).GetString()!);

    public static string? Str(this JsonElement element, string property) => element.GetProperty(property).GetString();

    public static int Int(this JsonElement element, string property) => element.GetProperty(property).GetInt32();

    public static bool IsNull(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null;

    /// <summary>The id of a tenant whose INSEE code or SIREN is exactly <paramref name="code"/>.</summary>
    public static async Task<string> TenantIdByCodeAsync(this SaasAppFactory factory, string code)
    {
        var staff = await factory.StaffAsync();
        var page = await staff.GetJsonAsync($"/api/v1/tenants?search={Uri.EscapeDataString(code)}");
        return page.GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("inseeCode").GetString() == code || t.GetProperty("siren").GetString() == code)
            .GetProperty("id").GetString()!;
    }

    /// <summary>The ids of the secretary's three communes by INSEE code (Ercourt 80280, Vitz-sur-Authie 80810, Aumâtre 80040).</summary>
    public static async Task<string> SecretaryCommuneAsync(this SaasAppFactory factory, string insee) =>
        await factory.TenantIdByCodeAsync(insee);

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body, string? tenantId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (tenantId is not null) request.Headers.Add("X-Tenant-Id", tenantId);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetAsTenantAsync(this HttpClient client, string url, string? tenantId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (tenantId is not null) request.Headers.Add("X-Tenant-Id", tenantId);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the status, and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await response.ReadJsonAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static IReadOnlyList<string> Errors(this JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToList()
            : [];

    public static object Request(string offerCode, int quantity, DateOnly? startDate = null, string? tenantId = null, bool forMemberCommunes = false) => new
    {
        tenantId,
        offerCode,
        quantity,
        startDate,
        forMemberCommunes,
    };

    public static async Task<JsonElement> QuoteAsync(this HttpClient client, object request, string? tenantId = null) =>
        await (await client.PostJsonAsync($"{Root}/quote", request, tenantId)).ReadJsonAsync(HttpStatusCode.OK);

    /// <summary>Subscribes and returns the view (201 expected, with its Location).</summary>
    public static async Task<JsonElement> SubscribeAsync(this HttpClient client, object request, string? tenantId = null)
    {
        var response = await client.PostJsonAsync(Root, request, tenantId);
        var view = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"{Root}/{view.Str("id")}", response.Headers.Location?.OriginalString);
        return view;
    }

    public static Task<JsonElement> SubscriptionAsync(this HttpClient client, string id, string? tenantId = null) =>
        client.GetJsonAsync($"{Root}/{id}", tenantId);

    public static async Task<IReadOnlyList<JsonElement>> ListAsync(this HttpClient client, string? query = null, string? tenantId = null) =>
        (await client.GetJsonAsync(Root + (query is null ? "" : "?" + query), tenantId)).EnumerateArray().ToList();

    /// <summary>Every subscription of every tenant as staff sees them, as raw JSON: what a refusal must leave unchanged.</summary>
    public static async Task<string> AllSubscriptionsAsync(this SaasAppFactory factory) =>
        (await (await factory.StaffAsync()).GetJsonAsync(Root)).GetRawText();

    /// <summary>
    /// Deletes a tenant's subscriptions of an offer straight from the database, for the tests that each need the
    /// tenant's own subscription of it (a tenant has one open subscription per offer: a second is refused).
    /// </summary>
    public static async Task RemoveSubscriptionsAsync(this SaasAppFactory factory, string tenantId, string offerCode)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SommeNumerique.Saas.Infrastructure.Persistence.SaasDbContext>();
        var id = Guid.Parse(tenantId);
        // A set-based delete (no tenant context here: the tenant guard of SaveChanges is not involved); history and
        // quantity steps go with it (cascade).
        await db.Subscriptions.IgnoreQueryFilters().Where(s => s.TenantId == id && s.OfferCode == offerCode).ExecuteDeleteAsync();
    }

    /// <summary>One subscription with its history, as staff reads it, as raw JSON.</summary>
    public static async Task<string> StoredSubscriptionAsync(this SaasAppFactory factory, string id) =>
        (await (await factory.StaffAsync()).SubscriptionAsync(id)).GetRawText();

    public static Task<HttpResponseMessage> ChangeQuantityAsync(this HttpClient client, string id, int quantity, int? version = null, string? reason = null, string? tenantId = null) =>
        client.PostJsonAsync($"{Root}/{id}/quantity", new { quantity, version, reason }, tenantId);

    public static Task<HttpResponseMessage> TerminateAsync(this HttpClient client, string id, DateOnly? lastDay = null, int? version = null, string? reason = null, string? tenantId = null) =>
        client.PostJsonAsync($"{Root}/{id}/termination", new { lastDay, version, reason }, tenantId);

    /// <summary>
    /// A view as JSON with the history timestamps cut to the second: a command answers with the instant it
    /// recorded, which the database then stores with less precision (100 µs on SQLite, 1 µs on PostgreSQL).
    /// </summary>
    public static string Canonical(this JsonElement view)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(view.GetRawText())!;
        if (node["history"] is System.Text.Json.Nodes.JsonArray history)
            foreach (var change in history.OfType<System.Text.Json.Nodes.JsonObject>())
                change["at"] = DateTimeOffset.Parse(change["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                    .ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return node.ToJsonString();
    }

    public static IReadOnlyList<JsonElement> History(this JsonElement view) => view.GetProperty("history").EnumerateArray().ToList();
}
