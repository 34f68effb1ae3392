using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Api;

/// <summary>
/// Signed in for commune A (Abbeville), try every route of the API (found from the app's own endpoint table,
/// so new routes are covered without editing this test) with commune B's ids and with a forged
/// X-Tenant-Id: nothing of B may come back.
/// </summary>
public abstract class TenantIsolationApiTests(SaasAppFactory factory)
{
    private const string BInsee = "80021"; // Amiens

    private IReadOnlyList<(HttpMethod Method, string Pattern)> ApiRoutes()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = endpoints
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .Where(e => e.RoutePattern.RawText != "/api/v1/auth/login")
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (new HttpMethod(m), e.RoutePattern.RawText!)))
            .ToList();
        Assert.NotEmpty(routes);
        return routes;
    }

    private static string WithId(string pattern, string id) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", id);

    [Fact]
    public async Task Every_route_with_the_other_tenants_id_answers_403_or_404_and_leaks_nothing()
    {
        var b = await factory.TenantIdAsync(BInsee);
        var bDetails = await (await factory.StaffAsync()).GetJsonAsync($"/api/v1/tenants/{b}");
        var bSiren = bDetails.GetProperty("siren").GetString()!;
        var admin = await factory.AbbevilleAdminAsync();

        foreach (var (method, pattern) in ApiRoutes().Where(r => r.Pattern.Contains('{')))
        {
            var response = await admin.SendAsync(method, WithId(pattern, b));
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                $"{method} {pattern} with B's id answered {(int)response.StatusCode}");
            Assert.DoesNotContain(bSiren, body);
            Assert.DoesNotContain("Amiens", body);
        }
    }

    [Fact]
    public async Task Every_route_with_a_forged_tenant_header_is_forbidden()
    {
        var b = await factory.TenantIdAsync(BInsee);
        var admin = await factory.AbbevilleAdminAsync();

        foreach (var (method, pattern) in ApiRoutes())
        {
            var a = (await admin.GetJsonAsync("/api/v1/me")).GetProperty("activeTenant").GetProperty("id").GetString()!;
            var response = await admin.SendAsync(method, WithId(pattern, a), tenantId: b);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden,
                $"{method} {pattern} with X-Tenant-Id of B answered {(int)response.StatusCode}");
            Assert.DoesNotContain("Amiens", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_garbage_tenant_header_is_forbidden_too()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var response = await admin.SendAsync(HttpMethod.Get, "/api/v1/me", tenantId: "not-a-guid");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_staff_list_of_tenants_is_forbidden_to_a_commune()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var response = await admin.GetAsync("/api/v1/tenants?search=Amiens");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Amiens", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_routes_with_its_own_ids_work_so_the_refusals_above_are_meaningful()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var a = (await admin.GetJsonAsync("/api/v1/me")).GetProperty("activeTenant").GetProperty("id").GetString()!;

        var own = await admin.GetJsonAsync($"/api/v1/tenants/{a}", tenantId: a);
        Assert.Equal("Abbeville", own.GetProperty("name").GetString());
    }
}

public sealed class SqliteTenantIsolationApiTests(SqliteApp app) : TenantIsolationApiTests(app.Factory), IClassFixture<SqliteApp>;

public sealed class PostgreSqlTenantIsolationApiTests(PostgreSqlApp app) : TenantIsolationApiTests(app.Factory), IClassFixture<PostgreSqlApp>;
