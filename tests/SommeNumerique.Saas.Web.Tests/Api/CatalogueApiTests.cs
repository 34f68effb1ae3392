using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.CatalogueTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api;

/// <summary>
/// Issue 3 — the catalogue as seeded at a fresh start and as each tenant sees it (its own price, eligibility),
/// and who may call which catalogue route. Read-only: these tests never change the catalogue.
/// </summary>
public abstract partial class CatalogueApiTests(SaasAppFactory factory)
{
    private const string AbbevilleInsee = "80001";
    private const string ErcourtInsee = "80280";
    private const string VitzInsee = "80810";
    private const string AumatreInsee = "80040";
    private const string AmiensInsee = "80021";
    private const string FtthReason = "Réservé aux membres et aux communes des EPCI membres.";

    private static readonly string[] PublishedOffers =
        ["COFFRE-FORT", "PACK-CYBER", "PACK-HAUTE-SECURITE", "FTTH-INITIALE", "FTTH-EXCLUSIVE-100M", "DEMAT-FLUX-COMPTABLES", "COTISATION", "ENT"];

    private static readonly string[] UnpublishedOffers =
        ["FTTH-CONNECT", "FTTH-EXCLUSIVE-1G", "FTTH-EXCLUSIVE-10G", "APP-MOBILE", "MESSAGERIE", "SAUVEGARDE", "HEBERGEMENT-WEB", "SESAM", "MAIRIE-CONNECTEE"];

    private async Task<JsonElement> AbbevilleCatalogueAsync(string query = "") =>
        await (await factory.AbbevilleAdminAsync()).GetJsonAsync($"/api/v1/catalogue{query}");

    private async Task<JsonElement> SecretaryCatalogueAsync(string insee) =>
        await (await factory.SecretaryAsync()).GetJsonAsync("/api/v1/catalogue", tenantId: await factory.TenantIdAsync(insee));

    // ---- The seeded catalogue ---------------------------------------------------------------------------

    [Fact]
    public async Task A_fresh_start_lists_every_seeded_item_for_staff_with_only_the_voted_offers_published()
    {
        var staff = await factory.StaffAsync();
        var items = (await staff.GetJsonAsync(AdminRoot)).EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!);

        var expected = new Dictionary<string, (int Offers, int Published, int Priced)>
        {
            ["COFFRE-FORT"] = (1, 1, 1),
            ["PACK-CYBER"] = (1, 1, 1),
            ["PACK-HAUTE-SECURITE"] = (1, 1, 1),
            ["FTTH-GFU"] = (5, 2, 2),
            ["DEMAT-FLUX-COMPTABLES"] = (1, 1, 1),
            ["COTISATION"] = (1, 1, 1),
            ["ENT"] = (1, 1, 1),
            ["APP-MOBILE"] = (1, 0, 0),
            ["MESSAGERIE"] = (1, 0, 0),
            ["SAUVEGARDE"] = (1, 0, 0),
            ["HEBERGEMENT-WEB"] = (1, 0, 0),
            ["SESAM"] = (1, 0, 0),
            ["MAIRIE-CONNECTEE"] = (1, 0, 0),
        };
        foreach (var (code, (offers, published, priced)) in expected)
        {
            Assert.True(items.TryGetValue(code, out var item), $"{code} is missing from the staff catalogue");
            Assert.Equal((offers, published, priced),
                (item.GetProperty("offers").GetInt32(), item.GetProperty("publishedOffers").GetInt32(), item.GetProperty("pricedOffers").GetInt32()));
        }
    }

    [Fact]
    public async Task A_tenant_sees_the_published_offers_and_none_of_the_unpublished_ones()
    {
        var offers = (await AbbevilleCatalogueAsync()).EntriesByOffer();

        Assert.All(PublishedOffers, code => Assert.True(offers.ContainsKey(code), $"{code} is not in the tenant catalogue"));
        Assert.All(UnpublishedOffers, code => Assert.False(offers.ContainsKey(code), $"{code} is unpublished but shown to a tenant"));
    }

    [Theory]
    [InlineData("MESSAGERIE")]
    [InlineData("SAUVEGARDE")]
    [InlineData("APP-MOBILE")]
    [InlineData("SESAM")]
    public async Task Unpublished_items_are_stored_with_their_offer_and_no_tariff(string code)
    {
        var item = await factory.StoredItemAsync(code);
        var offer = Assert.Single(item.Offers);
        Assert.False(offer.IsPublished);
        Assert.Empty(offer.Versions);
    }

    [Theory]
    [InlineData("MESSAGERIE")]
    [InlineData("SAUVEGARDE")]
    [InlineData("APP-MOBILE")]
    [InlineData("SESAM")]
    public async Task Staff_reads_an_unpublished_item_with_its_offer_and_no_tariff(string code)
    {
        var details = await (await factory.StaffAsync()).ItemDetailsAsync(code);
        var item = details.GetProperty("item");

        Assert.Equal(code, item.GetProperty("code").GetString());
        var offer = Assert.Single(item.GetProperty("offers").EnumerateArray());
        Assert.False(offer.GetProperty("isPublished").GetBoolean());
        Assert.Equal(0, offer.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task The_two_voted_versions_of_the_initial_FTTH_offer_are_stored_with_their_deliberations()
    {
        var versions = await factory.StoredVersionsAsync("FTTH-GFU", "FTTH-INITIALE");

        Assert.Equal(new[] { new DateOnly(2024, 6, 17), new DateOnly(2024, 10, 7) }, versions.Select(v => v.EffectiveFrom).ToArray());
        Assert.Equal(new decimal?[] { 430m, 460m }, versions.Select(v => v.MemberPrice).ToArray());
        Assert.All(versions, v => Assert.Null(v.NonMemberPrice));
        Assert.Equal(("Comité syndical", new DateOnly(2024, 10, 7)), (versions[1].Deliberation.Body, versions[1].Deliberation.Date));
    }

    [Fact]
    public async Task Staff_reads_the_two_voted_versions_of_the_initial_FTTH_offer()
    {
        var details = await (await factory.StaffAsync()).ItemDetailsAsync("FTTH-GFU");
        var initiale = details.Offer("FTTH-INITIALE");
        var versions = initiale.GetProperty("versions").EnumerateArray().ToList();

        Assert.True(initiale.GetProperty("isPublished").GetBoolean());
        Assert.Equal(new[] { "2024-06-17", "2024-10-07" }, versions.Select(v => v.GetProperty("effectiveFrom").GetString()!).ToArray());
        Assert.Equal(new[] { 430m, 460m }, versions.Select(v => v.Dec("memberPrice")).ToArray());
        Assert.All(versions, v => Assert.Equal(JsonValueKind.Null, v.GetProperty("nonMemberPrice").ValueKind));
        Assert.Equal("Comité syndical", versions[1].GetProperty("deliberation").GetProperty("body").GetString());
        Assert.Equal("2024-10-07", versions[1].GetProperty("deliberation").GetProperty("date").GetString());
        Assert.False(details.Offer("FTTH-EXCLUSIVE-1G").GetProperty("isPublished").GetBoolean());
        Assert.Equal("membersAndTheirCommunes", details.GetProperty("item").GetProperty("eligibility").GetProperty("membership").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task Abbeville_sees_every_seeded_offer_at_its_voted_member_price()
    {
        var catalogue = await AbbevilleCatalogueAsync();
        var offers = catalogue.EntriesByOffer();

        Assert.Equal("Abbeville", catalogue.GetProperty("tenantName").GetString());
        var expectedHt = new Dictionary<string, decimal>
        {
            ["COFFRE-FORT"] = 35m, ["PACK-CYBER"] = 30m, ["PACK-HAUTE-SECURITE"] = 150m,
            ["FTTH-INITIALE"] = 460m, ["FTTH-EXCLUSIVE-100M"] = 840m, ["ENT"] = 6.5m,
        };
        foreach (var (code, ht) in expectedHt)
        {
            var price = offers[code].GetProperty("price");
            Assert.True(price.GetProperty("priced").GetBoolean(), $"{code} is not priced");
            Assert.Equal("member", price.GetProperty("priceList").GetString());
            Assert.Equal(ht, price.Dec("annualHt"));
            Assert.Equal(1, price.GetProperty("quantity").GetInt32());
        }

        var vault = offers["COFFRE-FORT"];
        Assert.Equal(42m, vault.GetProperty("price").Dec("annualTtc"));
        Assert.True(vault.GetProperty("firstYearFree").GetBoolean());
        Assert.Equal(36, vault.GetProperty("commitmentMonths").GetInt32());

        var pack = offers["PACK-CYBER"];
        Assert.Equal(36, pack.GetProperty("commitmentMonths").GetInt32());
        Assert.Equal(2, pack.GetProperty("components").GetArrayLength());
        Assert.False(pack.GetProperty("firstYearFree").GetBoolean());
        Assert.Equal(75m, pack.GetProperty("price").GetProperty("setupFee").Dec("amountHt"));

        var ent = offers["ENT"].GetProperty("price");
        Assert.Equal(0m, ent.Dec("vatRate"));
        Assert.Equal(6.5m, ent.Dec("annualTtc"));
        Assert.Equal("TVA non applicable", ent.GetProperty("vatMention").GetString());
        Assert.Equal("schoolYear", offers["ENT"].GetProperty("billingAlignment").GetString(), ignoreCase: true);

        Assert.True(offers["FTTH-INITIALE"].GetProperty("price").GetProperty("eligible").GetBoolean());
        Assert.True(offers["DEMAT-FLUX-COMPTABLES"].GetProperty("price").GetProperty("eligible").GetBoolean());
        // The statutory contribution is for the syndicate's members themselves, not for a commune of a member EPCI.
        Assert.False(offers["COTISATION"].GetProperty("price").GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task Abbeville_pays_35_euros_HT_42_TTC_a_year_for_a_vault()
    {
        var price = await (await factory.AbbevilleAdminAsync()).GetJsonAsync("/api/v1/catalogue/COFFRE-FORT/price");

        Assert.Equal("COFFRE-FORT", price.GetProperty("offerCode").GetString());
        Assert.True(price.GetProperty("eligible").GetBoolean());
        Assert.Equal("member", price.GetProperty("priceList").GetString());
        Assert.Equal(35m, price.Dec("unitPriceHt"));
        Assert.Equal(35m, price.Dec("annualHt"));
        Assert.Equal(0.20m, price.Dec("vatRate"));
        Assert.Equal(7m, price.Dec("annualVat"));
        Assert.Equal(42m, price.Dec("annualTtc"));
        Assert.Equal(2.92m, price.Dec("monthlyHt"));
        Assert.Equal(FirstOfThisMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), price.GetProperty("pricedOn").GetString());
        Assert.Contains("Délibération n° 1 (A)", price.GetProperty("deliberation").GetProperty("reference").GetString());
    }

    [Fact]
    public async Task The_secretary_for_Vitz_sur_Authie_sees_non_member_prices_and_FTTH_not_eligible()
    {
        var catalogue = await SecretaryCatalogueAsync(VitzInsee);
        var offers = catalogue.EntriesByOffer();

        Assert.Equal("Vitz-sur-Authie", catalogue.GetProperty("tenantName").GetString());
        var vault = offers["COFFRE-FORT"].GetProperty("price");
        Assert.Equal("nonMember", vault.GetProperty("priceList").GetString());
        Assert.Equal(40m, vault.Dec("annualHt"));
        Assert.Equal(48m, vault.Dec("annualTtc"));
        Assert.True(vault.GetProperty("eligible").GetBoolean());

        var pack = offers["PACK-CYBER"].GetProperty("price");
        Assert.Equal(35m, pack.Dec("annualHt"));
        Assert.Equal(90m, pack.GetProperty("setupFee").Dec("amountHt"));

        foreach (var ftth in new[] { "FTTH-INITIALE", "FTTH-EXCLUSIVE-100M" })
        {
            var price = offers[ftth].GetProperty("price");
            Assert.False(price.GetProperty("eligible").GetBoolean(), $"{ftth} is offered to a non-member");
            Assert.Equal(FtthReason, price.GetProperty("reason").GetString());
        }

        var direct = await (await factory.SecretaryAsync()).GetJsonAsync("/api/v1/catalogue/COFFRE-FORT/price", tenantId: await factory.TenantIdAsync(VitzInsee));
        Assert.Equal(40m, direct.Dec("annualHt"));
        Assert.Equal(48m, direct.Dec("annualTtc"));
    }

    [Theory]
    [InlineData(AumatreInsee)]
    [InlineData(ErcourtInsee)]
    public async Task The_secretary_for_a_commune_of_a_member_EPCI_sees_member_prices_and_FTTH_eligible(string insee)
    {
        var offers = (await SecretaryCatalogueAsync(insee)).EntriesByOffer();

        Assert.Equal(35m, offers["COFFRE-FORT"].GetProperty("price").Dec("annualHt"));
        Assert.Equal("member", offers["COFFRE-FORT"].GetProperty("price").GetProperty("priceList").GetString());
        Assert.True(offers["FTTH-INITIALE"].GetProperty("price").GetProperty("eligible").GetBoolean());
        Assert.Equal(460m, offers["FTTH-INITIALE"].GetProperty("price").Dec("annualHt"));
    }

    [Fact]
    public async Task Eight_cybersecurity_packs_cost_240_HT_plus_two_setup_blocks_of_75()
    {
        var price = await (await factory.AbbevilleAdminAsync()).GetJsonAsync("/api/v1/catalogue/PACK-CYBER/price?quantity=8");

        Assert.Equal(8, price.GetProperty("quantity").GetInt32());
        Assert.Equal(30m, price.Dec("unitPriceHt"));
        Assert.Equal(240m, price.Dec("annualHt"));
        Assert.Equal(288m, price.Dec("annualTtc"));
        var fee = price.GetProperty("setupFee");
        Assert.Equal(2, fee.GetProperty("blocks").GetInt32());
        Assert.Equal(7, fee.GetProperty("blockSize").GetInt32());
        Assert.Equal(75m, fee.Dec("unitAmountHt"));
        Assert.Equal(150m, fee.Dec("amountHt"));
        Assert.Equal(30m, fee.Dec("vat"));
        Assert.Equal(180m, fee.Dec("amountTtc"));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(14, 2)]
    [InlineData(15, 3)]
    public async Task The_setup_fee_counts_every_started_block_of_seven(int quantity, int blocks)
    {
        var price = await (await factory.AbbevilleAdminAsync()).GetJsonAsync($"/api/v1/catalogue/PACK-CYBER/price?quantity={quantity}");
        Assert.Equal(blocks, price.GetProperty("setupFee").GetProperty("blocks").GetInt32());
        Assert.Equal(blocks * 75m, price.GetProperty("setupFee").Dec("amountHt"));
        Assert.Equal(quantity * 30m, price.Dec("annualHt"));
    }

    [Fact]
    public async Task Eight_packs_for_a_non_member_cost_280_HT_plus_two_setup_blocks_of_90()
    {
        var price = await (await factory.SecretaryAsync()).GetJsonAsync("/api/v1/catalogue/PACK-CYBER/price?quantity=8", tenantId: await factory.TenantIdAsync(VitzInsee));
        Assert.Equal(280m, price.Dec("annualHt"));
        Assert.Equal(180m, price.GetProperty("setupFee").Dec("amountHt"));
    }

    [Theory]
    [InlineData("2024-07-01", 430, "2024-07-01")]
    [InlineData("2024-10-20", 430, "2024-10-01")] // the 460 tariff starts on 7 October: October is priced on its 1st
    [InlineData("2024-11-01", 460, "2024-11-01")]
    [InlineData("2025-06-15", 460, "2025-06-01")]
    public async Task The_initial_FTTH_offer_is_priced_with_the_tariff_in_force_on_the_first_of_the_month(string date, int expected, string pricedOn)
    {
        var price = await (await factory.AbbevilleAdminAsync()).GetJsonAsync($"/api/v1/catalogue/FTTH-INITIALE/price?date={date}");

        Assert.Equal(expected, price.Dec("annualHt"));
        Assert.Equal(pricedOn, price.GetProperty("pricedOn").GetString());
        Assert.True(price.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task The_tenant_catalogue_at_a_past_date_shows_the_price_of_that_month()
    {
        var offers = (await AbbevilleCatalogueAsync("?date=2024-10-20")).EntriesByOffer();
        Assert.Equal(430m, offers["FTTH-INITIALE"].GetProperty("price").Dec("annualHt"));
    }

    [Fact]
    public async Task Before_any_tariff_the_FTTH_offer_is_not_priced()
    {
        var price = await (await factory.AbbevilleAdminAsync()).GetJsonAsync("/api/v1/catalogue/FTTH-INITIALE/price?date=2024-05-31");
        Assert.False(price.GetProperty("priced").GetBoolean());
        Assert.False(price.GetProperty("eligible").GetBoolean());
        Assert.Contains("Aucun tarif", price.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_high_security_pack_is_not_eligible_without_a_declared_workstation_count()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var abbevilleId = (await admin.GetJsonAsync("/api/v1/me")).GetProperty("activeTenant").GetProperty("id").GetString();
        var tenant = await admin.GetJsonAsync($"/api/v1/tenants/{abbevilleId}");
        Assert.Equal(JsonValueKind.Null, tenant.GetProperty("declaredWorkstations").ValueKind);

        var price = await admin.GetJsonAsync("/api/v1/catalogue/PACK-HAUTE-SECURITE/price");
        Assert.False(price.GetProperty("eligible").GetBoolean());
        Assert.Contains("déclarez votre nombre de postes", price.GetProperty("reason").GetString());
        Assert.Contains("25 postes", price.GetProperty("reason").GetString());
        Assert.Equal(150m, price.Dec("annualHt")); // still shows the price

        var entry = (await AbbevilleCatalogueAsync()).EntriesByOffer()["PACK-HAUTE-SECURITE"].GetProperty("price");
        Assert.False(entry.GetProperty("eligible").GetBoolean());
    }

    /// <summary>The expected accounting-flows price: 0.07 € per inhabitant of the year, rounded, then floor 50 and cap 5 000.</summary>
    private static (int Population, decimal Base, decimal Annual) ExpectedDemat(JsonElement tenant, int year)
    {
        var populations = tenant.GetProperty("populations").EnumerateArray()
            .Select(p => (Year: p.GetProperty("referenceYear").GetInt32(), Population: p.GetProperty("population").GetInt32())).ToList();
        Assert.NotEmpty(populations);
        var population = populations.Where(p => p.Year <= year).OrderByDescending(p => p.Year).Select(p => (int?)p.Population).FirstOrDefault()
                         ?? populations.OrderBy(p => p.Year).First().Population;
        var computed = Math.Round(0.07m * population, 2, MidpointRounding.AwayFromZero);
        return (population, computed, Math.Clamp(computed, 50m, 5000m));
    }

    [Fact]
    public async Task Abbeville_pays_seven_cents_per_inhabitant_for_the_accounting_flows()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var abbevilleId = (await admin.GetJsonAsync("/api/v1/me")).GetProperty("activeTenant").GetProperty("id").GetString();
        var (population, computed, annual) = ExpectedDemat(await admin.GetJsonAsync($"/api/v1/tenants/{abbevilleId}"), Today.Year);

        var price = await admin.GetJsonAsync("/api/v1/catalogue/DEMAT-FLUX-COMPTABLES/price");

        Assert.True(price.GetProperty("eligible").GetBoolean());
        Assert.Equal(population, price.GetProperty("population").GetInt32());
        Assert.Equal(0.07m, price.Dec("unitPriceHt"));
        Assert.Equal(computed, price.Dec("baseHt"));
        Assert.Equal(annual, price.Dec("annualHt"));
        Assert.Equal(Math.Round(annual * 1.2m, 2, MidpointRounding.AwayFromZero), price.Dec("annualTtc"));
        Assert.Equal(annual == computed, price.GetProperty("adjustmentLabel").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task A_small_commune_pays_the_50_euro_floor_for_the_accounting_flows()
    {
        var secretary = await factory.SecretaryAsync();
        var ercourt = await factory.TenantIdAsync(ErcourtInsee);
        var (population, computed, annual) = ExpectedDemat(await secretary.GetJsonAsync($"/api/v1/tenants/{ercourt}", tenantId: ercourt), Today.Year);
        Assert.True(computed < 50m, $"Ercourt ({population} inhabitants) is expected below the floor");

        var price = await secretary.GetJsonAsync("/api/v1/catalogue/DEMAT-FLUX-COMPTABLES/price", tenantId: ercourt);

        Assert.Equal(computed, price.Dec("baseHt"));
        Assert.Equal(50m, annual);
        Assert.Equal(50m, price.Dec("annualHt"));
        Assert.Equal(50m - computed, price.Dec("adjustmentHt"));
        Assert.Contains("Minimum", price.GetProperty("adjustmentLabel").GetString());
    }

    [Fact]
    public async Task Amiens_pays_the_5000_euro_cap_for_the_accounting_flows()
    {
        var staff = await factory.StaffAsync();
        var amiens = await factory.TenantIdAsync(AmiensInsee);
        var (population, computed, _) = ExpectedDemat(await staff.GetJsonAsync($"/api/v1/tenants/{amiens}"), Today.Year);
        Assert.True(computed > 5000m, $"Amiens ({population} inhabitants) is expected above the cap");

        var price = await staff.GetJsonAsync($"/api/v1/catalogue/DEMAT-FLUX-COMPTABLES/price?tenantId={amiens}");

        Assert.Equal(computed, price.Dec("baseHt"));
        Assert.Equal(5000m, price.Dec("annualHt"));
        Assert.Equal(6000m, price.Dec("annualTtc"));
        Assert.Equal(5000m - computed, price.Dec("adjustmentHt"));
        Assert.Contains("Plafond", price.GetProperty("adjustmentLabel").GetString());
    }

    [Fact]
    public async Task A_tenant_cannot_price_an_unpublished_offer_but_staff_sees_it_has_no_tariff()
    {
        var response = await (await factory.AbbevilleAdminAsync()).GetAsync("/api/v1/catalogue/MESSAGERIE/price");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);

        var abbeville = await factory.TenantIdAsync(AbbevilleInsee);
        var price = await (await factory.StaffAsync()).GetJsonAsync($"/api/v1/catalogue/MESSAGERIE/price?tenantId={abbeville}");
        Assert.False(price.GetProperty("priced").GetBoolean());
        Assert.False(price.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task Pricing_an_unknown_offer_is_a_404_problem()
    {
        var response = await (await factory.AbbevilleAdminAsync()).GetAsync("/api/v1/catalogue/PAS-UNE-OFFRE/price");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("quantity=0", "quantity")]
    [InlineData("quantity=-3", "quantity")]
    [InlineData("date=1999-12-31", "date")]
    public async Task A_bad_quantity_or_date_is_a_400_problem_with_a_field_error(string query, string field)
    {
        var response = await (await factory.AbbevilleAdminAsync()).GetAsync($"/api/v1/catalogue/COFFRE-FORT/price?{query}");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    // ---- Who may call what --------------------------------------------------------------------------------

    private IReadOnlyList<(HttpMethod Method, string Url)> AdminRoutes()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/admin/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (new HttpMethod(m), RouteParameter().Replace(e.RoutePattern.RawText!,
                    p => p.Value.Contains("id", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString() : "ZZ-NO-SUCH-CODE"))))
            .ToList();
        // list, read, create, update, add offer, add tariff, withdraw, publish, retire
        Assert.True(routes.Count >= 9, $"only {routes.Count} admin routes found");
        return routes;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task Tenant_users_and_treasury_get_403_on_every_admin_catalogue_route()
    {
        var secretary = await factory.SecretaryAsync();
        var vitz = await factory.TenantIdAsync(VitzInsee);
        var callers = new (string Who, HttpClient Client, string? TenantId)[]
        {
            ("Abbeville admin", await factory.AbbevilleAdminAsync(), null),
            ("secretary for Vitz", secretary, vitz),
            ("treasury", await factory.SignedInAsync(DemoAccounts.TreasuryEmail), null),
        };
        foreach (var (who, client, tenantId) in callers)
        foreach (var (method, url) in AdminRoutes())
        {
            var body = method == HttpMethod.Post || method == HttpMethod.Put ? ItemBody(NewCode("FORBID")) : null;
            var response = await client.SendJsonAsync(method, url, body, tenantId);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who}: {method} {url} answered {(int)response.StatusCode}");
        }
        // The vault is untouched (the list shows no item created by these calls either).
        var staff = await factory.StaffAsync();
        Assert.DoesNotContain((await staff.GetJsonAsync(AdminRoot)).EnumerateArray(), i => i.GetProperty("code").GetString()!.StartsWith("FORBID", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_callers_get_401_on_every_catalogue_route()
    {
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var routes = AdminRoutes().Concat([(HttpMethod.Get, "/api/v1/catalogue"), (HttpMethod.Get, "/api/v1/catalogue/COFFRE-FORT/price")]);
        foreach (var (method, url) in routes)
        {
            var response = await anonymous.SendJsonAsync(method, url, method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { });
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_tenant_user_asking_for_another_tenants_catalogue_gets_404()
    {
        var vitz = await factory.TenantIdAsync(VitzInsee);
        var ercourt = await factory.TenantIdAsync(ErcourtInsee);
        var admin = await factory.AbbevilleAdminAsync();

        foreach (var url in new[] { $"/api/v1/catalogue?tenantId={vitz}", $"/api/v1/catalogue/COFFRE-FORT/price?tenantId={vitz}" })
        {
            var response = await admin.GetAsync(url);
            var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.DoesNotContain("Vitz", problem.ToString());
        }

        // Even one of her own communes: she prices for the active one, not another by query string.
        var secretary = await factory.SecretaryAsync();
        var other = await secretary.SendJsonAsync(HttpMethod.Get, $"/api/v1/catalogue?tenantId={vitz}", tenantId: ercourt);
        await other.AssertProblemAsync(HttpStatusCode.NotFound);

        // Naming its own tenant is fine.
        var abbeville = await factory.TenantIdAsync(AbbevilleInsee);
        Assert.Equal("Abbeville", (await admin.GetJsonAsync($"/api/v1/catalogue?tenantId={abbeville}")).GetProperty("tenantName").GetString());
    }

    [Fact]
    public async Task Staff_must_name_the_tenant_to_price_for()
    {
        var staff = await factory.StaffAsync();
        foreach (var url in new[] { "/api/v1/catalogue", "/api/v1/catalogue/COFFRE-FORT/price" })
        {
            var problem = await (await staff.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Contains("tenantId", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Staff_naming_Vitz_sur_Authie_gets_its_non_member_prices()
    {
        var vitz = await factory.TenantIdAsync(VitzInsee);
        var catalogue = await (await factory.StaffAsync()).GetJsonAsync($"/api/v1/catalogue?tenantId={vitz}");
        var offers = catalogue.EntriesByOffer();

        Assert.Equal(vitz, catalogue.GetProperty("tenantId").GetString());
        Assert.Equal("Vitz-sur-Authie", catalogue.GetProperty("tenantName").GetString());
        Assert.Equal(40m, offers["COFFRE-FORT"].GetProperty("price").Dec("annualHt"));
        Assert.Equal(48m, offers["COFFRE-FORT"].GetProperty("price").Dec("annualTtc"));
        Assert.Equal("nonMember", offers["COFFRE-FORT"].GetProperty("price").GetProperty("priceList").GetString());
        Assert.Equal(FtthReason, offers["FTTH-INITIALE"].GetProperty("price").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Staff_naming_an_unknown_tenant_gets_404()
    {
        var response = await (await factory.StaffAsync()).GetAsync($"/api/v1/catalogue?tenantId={Guid.NewGuid()}");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteCatalogueApiTests(SqliteApp app) : CatalogueApiTests(app.Factory), IClassFixture<SqliteApp>;

public sealed class PostgreSqlCatalogueApiTests(PostgreSqlApp app) : CatalogueApiTests(app.Factory), IClassFixture<PostgreSqlApp>;
