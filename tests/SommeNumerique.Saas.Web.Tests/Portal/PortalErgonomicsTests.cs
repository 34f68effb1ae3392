using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>
/// What outside testers tripped on (issue 11, item 9): French error pages for the portal and problem details for
/// the API, a favicon, compressed static files and API JSON (never pages), and the listening address.
/// </summary>
public sealed partial class PortalErgonomicsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private HttpClient Browser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    internal static async Task<HttpClient> SignInAsync(HttpClient browser, string email)
    {
        var page = await browser.GetStringAsync("/Account/Login");
        var response = await browser.CompleteTwoFactorAsync(await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = SaasAppFactory.DemoPassword,
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
        })));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    [Theory]
    [InlineData("/Invoices/Details?id={0}")]
    [InlineData("/Invoices/Details/{0}")]
    [InlineData("/Subscriptions/Details?id={0}")]
    [InlineData("/Cette-page-n-existe-pas")]
    public async Task An_unknown_id_or_page_answers_a_French_404_page_not_JSON(string url)
    {
        var browser = await SignInAsync(Browser(), DemoAccounts.AbbevilleAdminEmail);

        var response = await browser.GetAsync(string.Format(url, Guid.NewGuid()));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("<h1>Page introuvable</h1>", html);
        Assert.DoesNotContain("Not Found", html);
    }

    [Fact]
    public async Task The_API_keeps_problem_details_for_an_unknown_id_and_an_unknown_path()
    {
        var client = await app.Factory.AbbevilleAdminAsync();

        foreach (var url in new[] { $"/api/v1/invoices/{Guid.NewGuid()}", "/api/v1/cette-route-n-existe-pas" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(404, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task The_error_page_shown_directly_says_500_in_French()
    {
        var response = await Browser().GetAsync("/Error/500");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("<h1>Une erreur est survenue</h1>", html);
        var forbidden = await Browser().GetAsync("/Error/403");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("<h1>Accès refusé</h1>", WebUtility.HtmlDecode(await forbidden.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Every_page_links_the_favicon_and_it_is_served()
    {
        var login = await Browser().GetStringAsync("/Account/Login");
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />", login);

        var svg = await Browser().GetAsync("/favicon.svg");
        var ico = await Browser().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal([0, 0, 1, 0], (await ico.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Static_files_and_API_JSON_are_compressed_pages_and_sign_in_answers_are_not(string encoding)
    {
        var client = await app.Factory.StaffAsync();
        async Task<ICollection<string>> EncodingOf(HttpClient c, string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            var response = await c.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode}");
            return response.Content.Headers.ContentEncoding;
        }

        Assert.Equal([encoding], await EncodingOf(Browser(), "/css/site.css"));
        Assert.Equal([encoding], await EncodingOf(client, "/api/v1/tenants?pageSize=50"));
        Assert.Empty(await EncodingOf(Browser(), "/Account/Login")); // antiforgery token: no BREACH oracle

        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(ApiClient.LoginBody(DemoAccounts.StaffEmail)),
        };
        login.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        var token = await app.Factory.CreateClient().SendAsync(login);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Empty(token.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_second_subscription_of_the_same_offer_is_refused_on_the_page_pointing_to_the_first()
    {
        var browser = await SignInAsync(Browser(), DemoAccounts.AbbevilleAdminEmail);
        async Task<HttpResponseMessage> Confirm()
        {
            var form = await browser.GetStringAsync("/Subscriptions/New?offer=COFFRE-FORT");
            return await browser.PostAsync("/Subscriptions/New?offer=COFFRE-FORT&handler=Confirm", new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["Offer"] = "COFFRE-FORT", ["Quantity"] = "2",
                    ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
                }));
        }

        var first = await Confirm();
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var id = Regex.Match(first.Headers.Location!.OriginalString, "id=([0-9a-f-]{36})").Groups[1].Value;
        var second = await Confirm();
        var html = WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("Abbeville est déjà abonné(e) à l'offre", html);
        Assert.Contains($"modifiez plutôt la quantité de l'abonnement en cours (abonnement {id})", html);
        var list = WebUtility.HtmlDecode(await browser.GetStringAsync("/Subscriptions"));
        Assert.Single(Regex.Matches(list, "/Subscriptions/Details\\?id=[0-9a-f-]{36}").Select(m => m.Value).Distinct());
    }

    [Fact]
    public async Task The_staff_subscriptions_page_shows_fifty_rows_a_page_with_a_pager_and_sorts_by_a_column()
    {
        var staff = await app.Factory.StaffAsync();
        var communes = (await staff.GetJsonAsync("/api/v1/tenants?kind=commune&search=e&pageSize=60")).GetProperty("items")
            .EnumerateArray().Where(t => t.Str("name") is not ("Abbeville" or "Airaines")).Select(t => t.Str("id")!).ToList(); // the overdue tests' 
        Assert.True(communes.Count > 50, $"{communes.Count} communes");
        foreach (var commune in communes) await staff.SubscribeAsync(Request("PACK-CYBER", 1, new DateOnly(2026, 1, 1), commune));
        var browser = await SignInAsync(Browser(), DemoAccounts.StaffEmail);
        var total = (await staff.GetJsonAsync("/api/v1/subscriptions?offerCode=PACK-CYBER")).GetArrayLength();

        var first = WebUtility.HtmlDecode(await browser.GetStringAsync("/Staff/Subscriptions?offer=PACK-CYBER"));
        var second = WebUtility.HtmlDecode(await browser.GetStringAsync("/Staff/Subscriptions?offer=PACK-CYBER&page=2"));
        var descending = WebUtility.HtmlDecode(await browser.GetStringAsync("/Staff/Subscriptions?offer=PACK-CYBER&sort=tenant&dir=desc"));

        Assert.Equal(50, SubscriptionRow().Matches(first).Count);
        Assert.Equal(total - 50, SubscriptionRow().Matches(second).Count);
        Assert.Contains("Page 1 sur 2", first);
        Assert.Contains("href=\"/Staff/Subscriptions?offer=PACK-CYBER&page=2\"", first);
        Assert.Contains("<th scope=\"col\" aria-sort=\"ascending\"><a href=\"/Staff/Subscriptions?offer=PACK-CYBER&sort=tenant&dir=desc\">Collectivité", first);
        Assert.Contains("<th scope=\"col\" aria-sort=\"descending\">", descending);
        var names = TenantCell().Matches(first).Select(m => m.Groups[1].Value).ToList();
        var reversed = TenantCell().Matches(descending).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(names.Order(French).ToList(), names);
        Assert.Equal(reversed.OrderDescending(French).ToList(), reversed);
        Assert.NotEqual(names[0], reversed[0]);

        var api = (await staff.GetJsonAsync("/api/v1/subscriptions?offerCode=PACK-CYBER&sort=tenant&dir=desc")).EnumerateArray().Select(v => v.Str("tenantName")).ToList();
        Assert.Equal(api.OrderDescending(French).ToList(), api);
        var unknown = await staff.GetAsync("/api/v1/subscriptions?sort=couleur");
        Assert.Contains("Tri inconnu", (await unknown.ProblemAsync(HttpStatusCode.BadRequest)).Errors("sort")[0]);
    }

    [Theory]
    [InlineData("/Staff/Subscriptions", "tenant")]
    [InlineData("/Staff/Tenants", "name")]
    [InlineData("/Staff/Invoices", "number")]
    [InlineData("/Staff/Billing", "createdAt")]
    [InlineData("/Staff/Treasury/Overdue", "dueDate")]
    [InlineData("/Staff/Catalogue", "name")]
    public async Task Every_staff_list_has_sortable_headers_and_refuses_an_unknown_sort_in_French(string list, string column)
    {
        if (list is "/Staff/Invoices" or "/Staff/Treasury/Overdue" or "/Staff/Billing")
            await EnsureAnOverdueInvoiceAsync("80013"); // a table to show (Airaines: never paid)
        var browser = await SignInAsync(Browser(), DemoAccounts.StaffEmail); // after the clock moved

        var sorted = WebUtility.HtmlDecode(await browser.GetStringAsync($"{list}?sort={column}&dir=desc"));
        var refused = await browser.GetAsync($"{list}?sort=couleur");

        Assert.Contains($"<th scope=\"col\" aria-sort=\"descending\"><a href=\"{list}?sort={column}&dir=asc\">", sorted);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Tri inconnu", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_tenants_list_shows_fifty_of_the_789_tenants_with_the_pager_and_sorts_by_name()
    {
        var browser = await SignInAsync(Browser(), DemoAccounts.StaffEmail);

        var first = WebUtility.HtmlDecode(await browser.GetStringAsync("/Staff/Tenants?sort=name"));
        var last = WebUtility.HtmlDecode(await browser.GetStringAsync("/Staff/Tenants?sort=name&dir=desc"));

        var names = TenantRowName().Matches(first).Select(m => m.Groups[1].Value).ToList();
        var reversed = TenantRowName().Matches(last).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(50, names.Count);
        Assert.Contains("Page 1 sur 16", first);
        Assert.Contains("href=\"/Staff/Tenants?sort=name&page=2\"", first);
        Assert.Equal("Abbeville", names[0]);
        Assert.DoesNotContain("Abbeville", reversed);
        var api = await (await app.Factory.StaffAsync()).GetJsonAsync("/api/v1/tenants?sort=name&dir=desc&pageSize=50");
        Assert.Equal(reversed, api.GetProperty("items").EnumerateArray().Select(t => t.Str("name")!).ToList());
    }

    private static readonly SemaphoreSlim OverdueSetUp = new(1, 1);

    /// <summary>A 2025 invoice of the commune, issued and past due (the clock moved past its due date).</summary>
    private async Task<JsonElementPair> EnsureAnOverdueInvoiceAsync(string insee)
    {
        await OverdueSetUp.WaitAsync();
        try
        {
            var staff = await app.Factory.StaffAsync();
            var tenant = await app.Factory.TenantIdByCodeAsync(insee);
            if ((await staff.InvoicesAsync(tenant, "2025")).Count == 0)
            {
                await staff.SubscribeAsync(Request("PACK-CYBER", 3, new DateOnly(2025, 1, 1), tenant));
                await staff.IssueAsync((await staff.StartRunAsync("2025")).Str("id")!);
            }
            var invoice = (await staff.InvoicesAsync(tenant, "2025")).Single();
            var days = app.Factory.Clock.Today.DayNumber - invoice.Date("dueDate").DayNumber;
            if (days < 1) app.Factory.Clock.Advance(TimeSpan.FromDays(1 - days));
            return new JsonElementPair(invoice, tenant);
        }
        finally
        {
            OverdueSetUp.Release();
        }
    }

    private sealed record JsonElementPair(System.Text.Json.JsonElement Invoice, string TenantId);

    [Fact]
    public async Task An_overdue_invoice_shows_En_retard_with_the_days_late_to_the_commune_and_staff_and_both_lists_filter_it()
    {
        var (invoice, abbeville) = await EnsureAnOverdueInvoiceAsync("80001");
        var days = app.Factory.Clock.Today.DayNumber - invoice.Date("dueDate").DayNumber;
        var staff = await app.Factory.StaffAsync(); // after the clock moved: a fresh token

        var api = await staff.GetJsonAsync($"/api/v1/invoices?overdue=true&tenantId={abbeville}");
        var byStatus = await staff.GetJsonAsync($"/api/v1/invoices?status=overdue&tenantId={abbeville}");
        var all = await staff.GetJsonAsync($"/api/v1/invoices?tenantId={abbeville}");
        var overdueList = await staff.GetJsonAsync($"/api/v1/invoices/overdue?tenantId={abbeville}");
        var row = Assert.Single(api.GetProperty("items").EnumerateArray());
        Assert.Equal(invoice.Str("id"), row.Str("id"));
        Assert.Equal(days, row.Int("daysLate"));
        Assert.Equal($"En retard ({days} jour{(days > 1 ? "s" : "")})", row.Str("statusLabel"));
        Assert.Equal("Issued", row.Str("status"));
        Assert.Equal(api.GetProperty("items").GetRawText(), byStatus.GetProperty("items").GetRawText());
        Assert.Equal(overdueList.Int("total"), api.Int("total")); // the same rule as the treasury's overdue list
        Assert.True(all.Int("total") >= api.Int("total"));

        var label = $"En retard ({days} jour{(days > 1 ? "s" : "")})";
        var staffPage = WebUtility.HtmlDecode(await (await SignInAsync(Browser(), DemoAccounts.StaffEmail)).GetStringAsync("/Staff/Invoices?status=overdue&search=Abbeville"));
        Assert.Contains(label, staffPage);
        Assert.Contains("<option value=\"overdue\" selected=\"selected\">En retard</option>", staffPage);
        var commune = await SignInAsync(Browser(), DemoAccounts.AbbevilleAdminEmail);
        var tenantPage = WebUtility.HtmlDecode(await commune.GetStringAsync("/Invoices?status=overdue"));
        Assert.Contains(label, tenantPage);
        Assert.Contains(invoice.Str("number")!, tenantPage);
        Assert.DoesNotContain(">Émise<", tenantPage);

        // Paid in full: no longer overdue, off the filtered lists.
        await (await staff.PostJsonAsync($"/api/v1/invoices/{invoice.Str("id")}/payments",
            new { amount = invoice.Dec("totalTtc"), paidOn = Iso(invoice.Date("issueDate")), reference = "Mandat 2025-1",
                version = (await staff.GetJsonAsync($"/api/v1/invoices/{invoice.Str("id")}")).GetProperty("invoice").Int("version") }))
            .ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(0, (await staff.GetJsonAsync($"/api/v1/invoices?overdue=true&tenantId={abbeville}")).Int("total"));
        Assert.Contains("Aucune facture en retard.", WebUtility.HtmlDecode(await commune.GetStringAsync("/Invoices?status=overdue")));
    }

    [Fact]
    public void The_launch_profile_does_not_override_ASPNETCORE_URLS()
    {
        var settings = Path.Combine(RepositoryRoot(), "src", "SommeNumerique.Saas.Web", "Properties", "launchSettings.json");
        var profiles = JsonNode.Parse(File.ReadAllText(settings))!["profiles"]!.AsObject();

        Assert.All(profiles, p => Assert.Null(p.Value!["applicationUrl"]));
    }

    [Fact]
    public void The_default_address_applies_only_when_no_address_is_configured()
    {
        var unset = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        unset.Configuration["urls"] = null;
        unset.Configuration["http_ports"] = null;
        unset.Configuration["https_ports"] = null;
        var set = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:5999"] });

        unset.UseDefaultUrlWhenUnset();
        set.UseDefaultUrlWhenUnset();

        Assert.Equal(PortalSetup.DefaultUrl, unset.WebHost.GetSetting("urls"));
        Assert.Equal("http://127.0.0.1:5999", set.WebHost.GetSetting("urls"));
    }

    private static readonly StringComparer French = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), false);

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SommeNumerique.Saas.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Repository root (SommeNumerique.Saas.sln) not found above the test binaries.");
    }

    [GeneratedRegex("<tr><td><a href=\"/Staff/Tenants/Details\\?id=[0-9a-f-]{36}\">([^<]+)</a></td><td>")]
    private static partial Regex TenantRowName();

    [GeneratedRegex("<td><a href=\"/Subscriptions/Details\\?id=[0-9a-f-]{36}\">")]
    private static partial Regex SubscriptionRow();

    [GeneratedRegex("<tr>\\s*<td>([^<]+)</td>\\s*<td><a href=\"/Subscriptions/Details")]
    private static partial Regex TenantCell();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
