using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Api;

/// <summary>A tenant's administrator declares workstations and billing details; nobody else's may be touched.</summary>
public abstract class TenantProfileApiTests(SaasAppFactory factory)
{
    private static object Profile(int workstations, string postalCode = "80100", string? siret = null, string? serviceCode = null,
        string? engagement = null) => new
    {
        declaredWorkstations = workstations,
        addressLine1 = "Place de l'Hôtel de Ville",
        postalCode,
        city = "Abbeville",
        contactName = "Service finances",
        contactEmail = "finances@abbeville.test",
        siret,
        chorusServiceCode = serviceCode,
        chorusEngagementNumber = engagement,
    };

    [Fact]
    public async Task The_administrator_gives_the_siret_and_chorus_references_printed_on_e_invoices()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var id = (await admin.GetJsonAsync("/api/v1/me")).GetProperty("activeTenant").GetProperty("id").GetString();
        var siren = (await admin.GetJsonAsync($"/api/v1/tenants/{id}")).GetProperty("siren").GetString()!;
        var siret = TestSirets.Of(siren);

        var saved = await admin.PutAsJsonAsync($"/api/v1/tenants/{id}/profile", Profile(12, siret: $"{siren} {siret[9..]}", serviceCode: "FINANCES", engagement: "EJ-2026-17"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var tenant = await admin.GetJsonAsync($"/api/v1/tenants/{id}");
        Assert.Equal(siret, tenant.GetProperty("siret").GetString());
        Assert.Equal("FINANCES", tenant.GetProperty("chorusServiceCode").GetString());
        Assert.Equal("EJ-2026-17", tenant.GetProperty("chorusEngagementNumber").GetString());

        // A SIRET of another body, one with a wrong key, or not 14 digits, is refused and changes nothing.
        var otherBody = await admin.PutAsJsonAsync($"/api/v1/tenants/{id}/profile", Profile(12, siret: TestSirets.Of("218002699")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        var wrongKey = await admin.PutAsJsonAsync($"/api/v1/tenants/{id}/profile", Profile(12, siret: siret[..^1] + (char)('0' + (siret[^1] - '0' + 1) % 10)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongKey.StatusCode);
        var malformed = await admin.PutAsJsonAsync($"/api/v1/tenants/{id}/profile", Profile(12, siret: "1234"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("Le SIRET compte 14 chiffres (le SIREN puis 5 chiffres).",
            (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("siret")[0].GetString());
        Assert.Equal(siret, (await admin.GetJsonAsync($"/api/v1/tenants/{id}")).GetProperty("siret").GetString());
    }

    [Fact]
    public async Task The_administrator_declares_workstations_and_the_pack_haute_securite_becomes_available()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var id = (await admin.GetJsonAsync("/api/v1/me")).GetProperty("activeTenant").GetProperty("id").GetString();

        var response = await admin.PutAsJsonAsync($"/api/v1/tenants/{id}/profile", Profile(12));
        var price = await admin.GetJsonAsync("/api/v1/catalogue/PACK-HAUTE-SECURITE/price?quantity=12");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("declaredWorkstations").GetInt32());
        Assert.True(price.GetProperty("eligible").GetBoolean());
        Assert.Equal(1800m, price.GetProperty("annualHt").GetDecimal());

        await admin.PutAsJsonAsync($"/api/v1/tenants/{id}/profile", Profile(30));
        var tooMany = await admin.GetJsonAsync("/api/v1/catalogue/PACK-HAUTE-SECURITE/price?quantity=12");
        Assert.False(tooMany.GetProperty("eligible").GetBoolean());
        Assert.Equal("Réservé aux structures de moins de 25 postes.", tooMany.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_bad_profile_is_refused_with_field_errors_and_changes_nothing()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var id = (await admin.GetJsonAsync("/api/v1/me")).GetProperty("activeTenant").GetProperty("id").GetString();
        var before = (await admin.GetJsonAsync($"/api/v1/tenants/{id}")).GetProperty("declaredWorkstations").ToString();

        var response = await admin.PutAsJsonAsync($"/api/v1/tenants/{id}/profile", Profile(-3, postalCode: "ABC"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("declaredWorkstations", out _));
        Assert.Equal("Le code postal compte 5 chiffres.", problem.GetProperty("errors").GetProperty("postalCode")[0].GetString());
        Assert.Equal(before, (await admin.GetJsonAsync($"/api/v1/tenants/{id}")).GetProperty("declaredWorkstations").ToString());
    }

    [Fact]
    public async Task Another_tenants_profile_cannot_be_changed_but_staff_may()
    {
        var amiens = await factory.TenantIdAsync("80021");
        var admin = await factory.AbbevilleAdminAsync();
        var staff = await factory.StaffAsync();

        var refused = await admin.PutAsJsonAsync($"/api/v1/tenants/{amiens}/profile", Profile(5));
        var accepted = await staff.PutAsJsonAsync($"/api/v1/tenants/{amiens}/profile", Profile(40));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(40, (await staff.GetJsonAsync($"/api/v1/tenants/{amiens}")).GetProperty("declaredWorkstations").GetInt32());
    }
}

public sealed class SqliteTenantProfileApiTests(SqliteApp app) : TenantProfileApiTests(app.Factory), IClassFixture<SqliteApp>;

public sealed class PostgreSqlTenantProfileApiTests(PostgreSqlApp app) : TenantProfileApiTests(app.Factory), IClassFixture<PostgreSqlApp>;
