using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Api;

/// <summary>
/// The platform's API as a client sees it, run against each database provider (see the two subclasses at
/// the end of the file): same tests, same expectations.
/// </summary>
public abstract class PlatformApiTests(SaasAppFactory factory)
{
    [Fact]
    public void The_app_runs_on_the_database_this_class_is_for()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SaasDbContext>();
        var expected = factory.Provider == "PostgreSql" ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite";
        Assert.Equal(expected, db.Database.ProviderName);
    }

    [Fact]
    public async Task Health_endpoints_report_live_and_ready()
    {
        var client = factory.CreateClient();
        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_v1_routes()
    {
        var document = await factory.CreateClient().GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/v1/tenants", out _));
        Assert.True(paths.TryGetProperty("/api/v1/tenants/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/me", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/login", out _));
    }

    [Fact]
    public async Task Staff_sees_the_771_communes_of_the_Somme()
    {
        var staff = await factory.StaffAsync();
        var page = await staff.GetJsonAsync("/api/v1/tenants?kind=commune&pageSize=10");

        Assert.Equal(771, page.GetProperty("total").GetInt32());
        Assert.Equal(10, page.GetProperty("items").GetArrayLength());
        Assert.All(page.GetProperty("items").EnumerateArray(), t => Assert.Equal("commune", t.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Sixteen_tenants_are_members_on_1_January_2025()
    {
        var staff = await factory.StaffAsync();
        var page = await staff.GetJsonAsync("/api/v1/tenants?memberOn=2025-01-01&pageSize=50");
        var names = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();

        Assert.Equal(16, page.GetProperty("total").GetInt32());
        Assert.Contains("Département de la Somme", names);
        Assert.Contains("CA Amiens Métropole", names);
        Assert.DoesNotContain("CC du Ternois", names);
    }

    [Fact]
    public async Task Seventeen_EPCI_have_communes_in_the_Somme()
    {
        var staff = await factory.StaffAsync();
        var page = await staff.GetJsonAsync("/api/v1/tenants?kind=epci");
        Assert.Equal(17, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_finds_a_commune_by_name_INSEE_code_or_SIREN()
    {
        var staff = await factory.StaffAsync();
        foreach (var term in new[] { "abbev", "80001", "218000016", "218 000 016" })
        {
            var page = await staff.GetJsonAsync($"/api/v1/tenants?search={Uri.EscapeDataString(term)}");
            var abbeville = page.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("inseeCode").GetString() == "80001");
            Assert.Equal("Abbeville", abbeville.GetProperty("name").GetString());
            Assert.Equal("CA de la Baie de Somme", abbeville.GetProperty("parentEpciName").GetString());
        }
    }

    [Fact]
    public async Task Pages_do_not_overlap()
    {
        var staff = await factory.StaffAsync();
        var first = await staff.GetJsonAsync("/api/v1/tenants?kind=commune&page=1&pageSize=20");
        var second = await staff.GetJsonAsync("/api/v1/tenants?kind=commune&page=2&pageSize=20");
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(t => t.GetProperty("id").GetString()).ToList();

        Assert.Equal(40, ids.Distinct().Count());
    }

    [Fact]
    public async Task Bad_filters_get_problem_details_with_French_field_errors()
    {
        var staff = await factory.StaffAsync();
        var response = await staff.GetAsync("/api/v1/tenants?kind=village&page=0&pageSize=500");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.Contains("Type de collectivité inconnu", errors.GetProperty("kind")[0].GetString());
        Assert.True(errors.TryGetProperty("page", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task An_unparsable_date_is_a_bad_request()
    {
        var staff = await factory.StaffAsync();
        var response = await staff.GetAsync("/api/v1/tenants?memberOn=31-12-2025");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_refused_in_French_and_an_empty_body_is_a_validation_error()
    {
        var client = factory.CreateClient();
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoAccounts.TreasuryEmail, password = "pas-le-bon" });
        var empty = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "", password = "" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("incorrect", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task The_API_without_a_token_answers_401_not_a_redirect()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tenants")).StatusCode);
    }

    [Fact]
    public async Task Staff_acts_in_the_host_context()
    {
        var me = await (await factory.StaffAsync()).GetJsonAsync("/api/v1/me");

        Assert.Equal("host", me.GetProperty("scope").GetString());
        Assert.Equal(new[] { "Staff" }, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("activeTenant").ValueKind);
    }

    [Fact]
    public async Task The_secretary_has_three_communes_of_three_EPCI_and_switches_between_them()
    {
        var secretary = await factory.SecretaryAsync();
        var me = await secretary.GetJsonAsync("/api/v1/me");
        var tenants = me.GetProperty("tenants").EnumerateArray().ToList();
        Assert.Equal(3, tenants.Count);
        Assert.Equal("tenant", me.GetProperty("scope").GetString());

        var epciNames = new HashSet<string?>();
        foreach (var tenant in tenants)
        {
            var id = tenant.GetProperty("id").GetString()!;
            var switched = await secretary.GetJsonAsync("/api/v1/me", tenantId: id);
            Assert.Equal(id, switched.GetProperty("activeTenant").GetProperty("id").GetString());
            Assert.Contains("TenantAdmin", switched.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

            var details = await secretary.GetJsonAsync($"/api/v1/tenants/{id}", tenantId: id);
            epciNames.Add(details.GetProperty("parentEpciName").GetString());
        }
        Assert.Equal(3, epciNames.Count);
        Assert.Contains("CC du Ternois", epciNames);
    }

    [Fact]
    public async Task A_commune_of_a_member_EPCI_gets_member_prices_and_one_of_a_non_member_EPCI_does_not()
    {
        var secretary = await factory.SecretaryAsync();
        var tenants = (await secretary.GetJsonAsync("/api/v1/me")).GetProperty("tenants").EnumerateArray().ToList();

        foreach (var tenant in tenants)
        {
            var id = tenant.GetProperty("id").GetString()!;
            var details = await secretary.GetJsonAsync($"/api/v1/tenants/{id}", tenantId: id);
            var member = details.GetProperty("memberPricesToday").GetProperty("memberPrices").GetBoolean();
            Assert.Equal(details.GetProperty("parentEpciName").GetString() != "CC du Ternois", member);
        }
    }

    [Fact]
    public async Task Abbeville_reads_its_own_record()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var me = await admin.GetJsonAsync("/api/v1/me");
        var id = me.GetProperty("activeTenant").GetProperty("id").GetString();

        var abbeville = await admin.GetJsonAsync($"/api/v1/tenants/{id}");
        Assert.Equal("Abbeville", abbeville.GetProperty("name").GetString());
        Assert.Equal("80001", abbeville.GetProperty("inseeCode").GetString());
        Assert.True(abbeville.GetProperty("populations")[0].GetProperty("population").GetInt32() > 20_000);
    }
}

public sealed class SqlitePlatformApiTests(SqliteApp app) : PlatformApiTests(app.Factory), IClassFixture<SqliteApp>;

public sealed class PostgreSqlPlatformApiTests(PostgreSqlApp app) : PlatformApiTests(app.Factory), IClassFixture<PostgreSqlApp>;
