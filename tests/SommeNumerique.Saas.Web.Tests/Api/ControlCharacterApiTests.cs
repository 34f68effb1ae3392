using System.Net;
using System.Net.Http.Json;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api;

/// <summary>
/// Issue 11, item 3: free text holding a character XML does not allow (here U+0001) is refused by the API with a 400
/// problem details naming the field, and changes nothing — the profile, a catalogue item, a credit note's reason, a
/// mandat's reference.
/// </summary>
public sealed class ControlCharacterApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Refused = "Ce champ contient un caractère non autorisé (caractère de contrôle).";
    private SaasAppFactory Factory => app.Factory;

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(Refused, problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_control_character_in_the_tenant_profile_is_refused_naming_the_field_and_changes_nothing()
    {
        var admin = await Factory.AbbevilleAdminAsync();
        var id = (await admin.GetJsonAsync("/api/v1/me")).GetProperty("activeTenant").GetProperty("id").GetString();
        var before = (await admin.GetJsonAsync($"/api/v1/tenants/{id}")).GetRawText();

        var response = await admin.PutAsJsonAsync($"/api/v1/tenants/{id}/profile", new
        {
            declaredWorkstations = 3, addressLine1 = "Place de l'Hôtel de Ville", postalCode = "80100", city = "Abbeville\u0001",
            contactName = "Service\u0001finances", contactEmail = "finances@abbeville.test", chorusServiceCode = "FIN\u001F",
        });

        await AssertRefusedAsync(response, "city");
        await AssertRefusedAsync(response, "contactName");
        await AssertRefusedAsync(response, "chorusServiceCode");
        Assert.Equal(before, (await admin.GetJsonAsync($"/api/v1/tenants/{id}")).GetRawText());
    }

    [Fact]
    public async Task A_control_character_in_a_catalogue_item_a_credit_note_reason_or_a_mandat_reference_is_refused()
    {
        var staff = await Factory.StaffAsync();
        var code = CatalogueTestApi.NewCode("CTRL");
        await AssertRefusedAsync(await staff.PostAsJsonAsync(CatalogueTestApi.AdminRoot, CatalogueTestApi.ItemBody(code, "Service\u0001 de test")), "fields.name");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{CatalogueTestApi.AdminRoot}/{code}")).StatusCode);

        var tenant = await Factory.TenantIdByCodeAsync("80040");
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, new DateOnly(2023, 1, 1), tenant));
        await staff.IssueAsync((await staff.StartRunAsync("2023")).Str("id")!);
        var invoice = (await staff.InvoicesAsync(tenant, "2023")).Single();
        var url = $"/api/v1/invoices/{invoice.Str("id")}";

        await AssertRefusedAsync(await staff.PostJsonAsync($"{url}/credit-notes", new { reason = "Erreur\u0002" }), "reason");
        var treasury = await Factory.TreasuryAsync();
        await AssertRefusedAsync(await treasury.PostJsonAsync($"{url}/payments",
            new { amount = 10.00m, paidOn = invoice.Date("issueDate"), reference = "Mandat\u0003 12" }), "reference");

        var after = (await staff.GetJsonAsync(url)).GetProperty("invoice");
        Assert.Equal((invoice.Dec("totalTtc"), "Issued"), (after.Dec("amountDue"), after.Str("status")));
        Assert.Equal(0, (await staff.GetJsonAsync($"{url}/payments")).GetArrayLength());
    }
}
