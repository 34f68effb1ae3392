using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Api;

/// <summary>
/// Errors of the API as a client meets them: problem details in French whatever the Accept header, for
/// JSON that does not parse or does not fit, for numbers sent as strings, and field errors named by their
/// JSON name with French field names in the messages.
/// </summary>
public sealed class ApiErrorTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly Guid Unknown = Guid.Parse("0c0c0c0c-0000-4000-8000-000000000000");

    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("ubl", "application/xml")]
    [InlineData("reminder", "application/pdf")]
    public async Task A_refused_download_answers_problem_details_whatever_the_Accept_header(string download, string accept)
    {
        var staff = await app.Factory.StaffAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/invoices/{Unknown}/{download}");
        request.Headers.Accept.ParseAdd(accept);

        var response = await staff.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Facture introuvable.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_json_answers_a_french_problem_naming_the_body()
    {
        var staff = await app.Factory.StaffAsync();
        var response = await staff.PostAsync("/api/v1/billing-runs", new StringContent("{\"period\": \"2025\",", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("body").EnumerateArray()).GetString()!;
        Assert.StartsWith("Le corps de la requête n'est pas un JSON valide", message);
        Assert.DoesNotContain("Failed to read", problem.GetRawText());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_by_its_json_path()
    {
        var staff = await app.Factory.StaffAsync();
        var response = await staff.PostAsync("/api/v1/billing-runs", new StringContent("{\"period\": 2025}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("period").EnumerateArray()).GetString()!;
        Assert.Contains("« period »", message);
    }

    [Fact]
    public async Task A_number_sent_as_a_string_is_refused_as_the_document_says_and_changes_nothing()
    {
        var admin = await app.Factory.AbbevilleAdminAsync();
        var tenantId = await app.Factory.TenantIdAsync("80001");
        var before = await (await app.Factory.StaffAsync()).GetJsonAsync($"/api/v1/tenants/{tenantId}");

        var response = await admin.PutAsJsonAsync($"/api/v1/tenants/{tenantId}/profile", new
        {
            declaredWorkstations = "12", addressLine1 = "1 place de l'Amiral Courbet", postalCode = "80100", city = "Abbeville",
            contactName = "Mairie", contactEmail = "mairie@abbeville.test",
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("declaredWorkstations", out _), problem.GetRawText());
        var after = await (await app.Factory.StaffAsync()).GetJsonAsync($"/api/v1/tenants/{tenantId}");
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task Validation_messages_name_the_field_in_french_under_its_json_name()
    {
        var admin = await app.Factory.AbbevilleAdminAsync();
        var tenantId = await app.Factory.TenantIdAsync("80001");

        var response = await admin.PutAsJsonAsync($"/api/v1/tenants/{tenantId}/profile", new
        {
            declaredWorkstations = 12, addressLine1 = "1 place de l'Amiral Courbet", postalCode = "80100", city = "Abbeville",
            contactName = new string('x', 300), contactEmail = "mairie@abbeville.test",
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("contactName").EnumerateArray()).GetString()!;
        Assert.Contains("Nom du contact", message);
        Assert.DoesNotContain("Body", problem.GetRawText());
    }

    [Fact]
    public async Task Field_errors_of_a_body_that_is_the_fields_themselves_are_keyed_without_a_wrapper()
    {
        var staff = await app.Factory.StaffAsync();
        var code = await staff.CreateItemAsync("ERR");

        var response = await staff.PutAsJsonAsync($"{CatalogueTestApi.AdminRoot}/{code}", new { name = "", unitLabel = "agent", natureAccount = "706" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _), errors.GetRawText());
        Assert.DoesNotContain(errors.EnumerateObject(), e => e.Name.StartsWith("fields.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415_in_french()
    {
        var staff = await app.Factory.StaffAsync();
        var response = await staff.PostAsync("/api/v1/billing-runs", new StringContent("period=2025", Encoding.UTF8, "text/plain"));

        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Type de contenu non pris en charge", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task In_production_malformed_json_also_answers_a_french_problem_with_a_detail()
    {
        await using var production = SaasAppFactory.Sqlite(b => b.UseEnvironment("Production"));
        var client = production.CreateClient();

        var response = await client.PostAsync("/api/v1/auth/login", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("Le corps de la requête n'est pas un JSON valide", problem.GetProperty("detail").GetString());
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
