using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Api.Tenancy;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>The staff's tenant pages as a browser uses them: create a CCAS, record a population, import a year's CSV.</summary>
public sealed partial class StaffTenantPortalTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private SaasAppFactory Factory => app.Factory;

    [Fact]
    public async Task Staff_create_a_ccas_record_its_population_and_import_a_csv_from_the_pages()
    {
        var browser = await SignedInBrowserAsync(DemoAccounts.StaffEmail);
        var siren = TenantRecordsApiTests.NewSiren();

        // A bad SIREN: the form again with the French message next to the field, nothing created.
        var bad = await PostFormAsync(browser, "/Staff/Tenants/New", "/Staff/Tenants/New",
            new() { ["Tenant.Kind"] = "ccas", ["Tenant.Name"] = "CCAS du portail", ["Tenant.Siren"] = "123456789" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("n'est pas valide : 9 chiffres", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));

        var created = await PostFormAsync(browser, "/Staff/Tenants/New", "/Staff/Tenants/New",
            new() { ["Tenant.Kind"] = "ccas", ["Tenant.Name"] = "CCAS du portail", ["Tenant.Siren"] = siren });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/Staff/Tenants/Details?id=", details);
        var id = Regex.Match(details, "id=([0-9a-f-]+)").Groups[1].Value;

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(details));
        Assert.Contains("<h1>CCAS du portail</h1>", page);
        Assert.Contains("CCAS / CIAS", page);
        Assert.Contains($"href=\"/Staff/Tenants/Members?id={id}\">Utilisateurs</a>", page);
        Assert.Contains("Aucune population enregistrée", page);
        Assert.Contains("Création", page); // the history

        var population = await PostFormAsync(browser, $"/Staff/Tenants/Details?id={id}&handler=Population", details,
            new() { ["Population.Year"] = "2026", ["Population.Population"] = "420", ["Population.Source"] = "Recensement du CCAS" });
        Assert.Equal(HttpStatusCode.Redirect, population.StatusCode);
        page = WebUtility.HtmlDecode(await browser.GetStringAsync(population.Headers.Location!.OriginalString));
        Assert.Contains("<td>2026</td><td>420</td><td>Recensement du CCAS</td>", page);

        var wrong = await PostFormAsync(browser, "/Staff/Tenants/Populations", "/Staff/Tenants/Populations",
            new() { ["Year"] = "2027", ["Csv"] = $"siren;population\n{siren};beaucoup\n" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Ligne 2 : la population « beaucoup »", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));

        var imported = await PostFormAsync(browser, "/Staff/Tenants/Populations", "/Staff/Tenants/Populations",
            new() { ["Year"] = "2027", ["Source"] = "INSEE", ["Csv"] = $"siren;population\n{siren};430\n" });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("1 enregistrée(s), 0 modifiée(s), 0 inchangée(s)", WebUtility.HtmlDecode(await imported.Content.ReadAsStringAsync()));
        var staff = await Factory.StaffAsync();
        var populations = (await staff.GetJsonAsync($"/api/v1/tenants/{id}")).GetProperty("populations").EnumerateArray().Select(p => p.Int("population"));
        Assert.Equal([420, 430], populations);

        // A tenant's administrator does not reach the staff pages.
        var admin = await SignedInBrowserAsync(DemoAccounts.AbbevilleAdminEmail);
        var refused = await admin.GetAsync(details);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.OriginalString);
    }

    private async Task<HttpClient> SignedInBrowserAsync(string email)
    {
        var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await browser.CompleteTwoFactorAsync(await PostFormAsync(browser, "/Account/Login", "/Account/Login",
            new() { ["Input.Email"] = email, ["Input.Password"] = SaasAppFactory.DemoPassword }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string page, Dictionary<string, string> fields)
    {
        var html = await browser.GetStringAsync(page);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(html).Groups[1].Value;
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
