using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.CatalogueTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api;

/// <summary>
/// Issue 3 — the staff back office of the catalogue: create a service, add offers and voted tariffs, publish,
/// retire, withdraw a scheduled tariff; every change audited; bad input refused with problem details and
/// without changing anything. Each test works on items of its own (random codes): the tests share one app.
/// </summary>
public abstract class CatalogueAdminApiTests(SaasAppFactory factory)
{
    private const string VitzInsee = "80810";

    private static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An item with one offer priced from two months ago, so that it can be published.</summary>
    private static async Task<string> PricedItemAsync(HttpClient staff, decimal member = 12m, decimal nonMember = 15m)
    {
        var code = await staff.CreateItemAsync("PRICED");
        await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth.AddMonths(-2), member, nonMember));
        return code;
    }

    // ---- Creating and changing ------------------------------------------------------------------------------

    [Fact]
    public async Task Staff_creates_an_unpublished_item_with_one_offer_of_the_same_code_and_it_is_audited()
    {
        var staff = await factory.StaffAsync();
        var code = NewCode("NEW");

        var response = await staff.PostAsJsonAsync(AdminRoot, ItemBody(code.ToLowerInvariant(), "Messagerie de test"));
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/admin/catalogue/{code}", response.Headers.Location?.OriginalString);
        Assert.Equal(code, created.GetProperty("code").GetString()); // codes are stored upper case
        var offer = Assert.Single(created.GetProperty("offers").EnumerateArray());
        Assert.Equal(code, offer.GetProperty("code").GetString());
        Assert.False(offer.GetProperty("isPublished").GetBoolean());
        Assert.Equal(0, offer.GetProperty("versions").GetArrayLength());

        var stored = await factory.StoredItemAsync(code);
        Assert.Equal("Messagerie de test", stored.Name);
        Assert.False(Assert.Single(stored.Offers).IsPublished);
        var entry = Assert.Single(await factory.StoredAuditAsync(code));
        Assert.Equal(("CreateItem", DemoAccounts.StaffEmail, code), (entry.Action, entry.UserEmail, entry.Subject));

        var list = await staff.GetJsonAsync($"{AdminRoot}?search={code}");
        var summary = Assert.Single(list.EnumerateArray());
        Assert.Equal((1, 0, 0), (summary.GetProperty("offers").GetInt32(), summary.GetProperty("publishedOffers").GetInt32(), summary.GetProperty("pricedOffers").GetInt32()));
    }

    [Fact]
    public async Task Staff_adds_an_offer_to_an_item_and_it_is_audited()
    {
        var staff = await factory.StaffAsync();
        var item = await staff.CreateItemAsync("OFF");
        var offerCode = NewCode("OFFER");

        var response = await staff.PostAsJsonAsync($"{AdminRoot}/{item}/offers", new { code = offerCode, name = "Offre premium", minQuantity = 2, maxQuantity = 10 });
        var offer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(offerCode, offer.GetProperty("code").GetString());
        Assert.False(offer.GetProperty("isPublished").GetBoolean());
        Assert.Equal(2, offer.GetProperty("minQuantity").GetInt32());
        Assert.Equal(10, offer.GetProperty("maxQuantity").GetInt32());

        Assert.Equal(2, (await factory.StoredItemAsync(item)).Offers.Count);
        var added = Assert.Single(await factory.StoredAuditAsync(item), a => a.Action == "AddOffer");
        Assert.Equal((offerCode, DemoAccounts.StaffEmail), (added.Subject, added.UserEmail));

        // Its quantity limits apply to prices: the tenant catalogue shows the minimum, more than the maximum is not eligible.
        await staff.AddTariffAsync(offerCode, PerUnitTariff(FirstOfThisMonth.AddMonths(-1), 10m, 12m));
        await staff.PostOkAsync($"{AdminRoot}/offers/{offerCode}/publish");
        var abbeville = await factory.AbbevilleAdminAsync();
        var entry = (await abbeville.GetJsonAsync("/api/v1/catalogue")).EntriesByOffer()[offerCode].GetProperty("price");
        Assert.Equal((2, 20m), (entry.GetProperty("quantity").GetInt32(), entry.Dec("annualHt")));
        var tooMany = await abbeville.GetJsonAsync($"/api/v1/catalogue/{offerCode}/price?quantity=11");
        Assert.False(tooMany.GetProperty("eligible").GetBoolean());
        Assert.Equal("La quantité doit être comprise entre 2 et 10.", tooMany.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_tariff_version_is_recorded_and_audited_with_its_deliberation_as_justification()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("TAR");
        var effective = FirstOfThisMonth.AddMonths(-1);
        var tariff = PerUnitTariff(effective, 24m, 30m, "Délibération n° 7 — service de test")
            .With("deliberationDate", effective.AddDays(-10))
            .With("setupFeeBlockSize", 5).With("setupFeeMember", 50m).With("setupFeeNonMember", 60m);

        var version = await staff.AddTariffAsync(code, tariff);

        Assert.Equal(Iso(effective), version.GetProperty("effectiveFrom").GetString());
        Assert.Equal(24m, version.Dec("memberPrice"));
        Assert.Equal(30m, version.Dec("nonMemberPrice"));
        Assert.Equal(5, version.GetProperty("setupFee").GetProperty("blockSize").GetInt32());
        Assert.Equal("PerUnitPerYear", version.GetProperty("model").GetString(), ignoreCase: true);
        Assert.Equal("Standard", version.GetProperty("vat").GetString(), ignoreCase: true);

        var stored = Assert.Single(await factory.StoredVersionsAsync(code));
        Assert.Equal(version.GetProperty("id").GetGuid(), stored.Id);
        Assert.Equal(("Comité syndical", effective.AddDays(-10), "Délibération n° 7 — service de test"),
            (stored.Deliberation.Body, stored.Deliberation.Date, stored.Deliberation.Reference));
        Assert.Equal((24m, 30m, 50m, 60m), (stored.MemberPrice, stored.NonMemberPrice, stored.SetupFee?.MemberAmount, stored.SetupFee?.NonMemberAmount));

        var audit = Assert.Single(await factory.StoredAuditAsync(code), a => a.Action == "AddTariffVersion");
        Assert.Equal(DemoAccounts.StaffEmail, audit.UserEmail);
        Assert.Equal(code, audit.Subject);
        Assert.Equal($"Comité syndical du {Day(effective.AddDays(-10))} — Délibération n° 7 — service de test", audit.Justification);
        Assert.Contains("24", audit.After);
    }

    [Fact]
    public async Task A_published_item_is_seen_by_tenants_at_their_price_and_disappears_when_retired()
    {
        var staff = await factory.StaffAsync();
        var code = await PricedItemAsync(staff, member: 12m, nonMember: 15m);
        var abbeville = await factory.AbbevilleAdminAsync();
        Assert.DoesNotContain(code, (await abbeville.GetJsonAsync("/api/v1/catalogue")).EntriesByOffer().Keys);

        var published = await staff.PostOkAsync($"{AdminRoot}/offers/{code}/publish");
        Assert.True(published.GetProperty("isPublished").GetBoolean());

        var entry = (await abbeville.GetJsonAsync("/api/v1/catalogue")).EntriesByOffer()[code];
        Assert.Equal(code, entry.GetProperty("itemCode").GetString());
        Assert.Equal(12m, entry.GetProperty("price").Dec("annualHt"));
        Assert.Equal(14.40m, entry.GetProperty("price").Dec("annualTtc"));
        Assert.Equal(12m, (await abbeville.GetJsonAsync($"/api/v1/catalogue/{code}/price")).Dec("annualHt"));

        var vitz = await factory.TenantIdAsync(VitzInsee);
        var vitzPrice = (await (await factory.SecretaryAsync()).GetJsonAsync("/api/v1/catalogue", tenantId: vitz)).EntriesByOffer()[code].GetProperty("price");
        Assert.Equal(15m, vitzPrice.Dec("annualHt"));
        Assert.Equal(18m, vitzPrice.Dec("annualTtc"));

        var retired = await staff.PostOkAsync($"{AdminRoot}/offers/{code}/retire");
        Assert.False(retired.GetProperty("isPublished").GetBoolean());
        Assert.DoesNotContain(code, (await abbeville.GetJsonAsync("/api/v1/catalogue")).EntriesByOffer().Keys);
        await (await abbeville.GetAsync($"/api/v1/catalogue/{code}/price")).AssertProblemAsync(HttpStatusCode.NotFound);

        var audit = await factory.StoredAuditAsync(code);
        Assert.Equal(new[] { "CreateItem", "AddTariffVersion", "PublishOffer", "RetireOffer" }, audit.Select(a => a.Action).ToArray());
        Assert.All(audit, a => Assert.Equal(DemoAccounts.StaffEmail, a.UserEmail));
    }

    [Fact]
    public async Task Publishing_an_already_published_offer_changes_nothing_and_adds_no_audit_entry()
    {
        var staff = await factory.StaffAsync();
        var code = await PricedItemAsync(staff);
        await staff.PostOkAsync($"{AdminRoot}/offers/{code}/publish");
        var before = await factory.StateAsync(code);

        var again = await staff.PostOkAsync($"{AdminRoot}/offers/{code}/publish");

        Assert.True(again.GetProperty("isPublished").GetBoolean());
        Assert.Equal(before, await factory.StateAsync(code));
    }

    [Fact]
    public async Task A_new_version_applies_from_its_effective_month_and_the_old_one_stays_for_the_past()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("VER");
        await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth.AddMonths(-12), 10m, 11m));
        await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth, 20m, 22m));
        await staff.PostOkAsync($"{AdminRoot}/offers/{code}/publish");
        var abbeville = await factory.AbbevilleAdminAsync();

        Assert.Equal(20m, (await abbeville.GetJsonAsync($"/api/v1/catalogue/{code}/price")).Dec("annualHt"));
        Assert.Equal(10m, (await abbeville.GetJsonAsync($"/api/v1/catalogue/{code}/price?date={Iso(FirstOfThisMonth.AddDays(-1))}")).Dec("annualHt"));
        Assert.Equal(20m, (await abbeville.GetJsonAsync("/api/v1/catalogue")).EntriesByOffer()[code].GetProperty("price").Dec("annualHt"));

        // Append-only: the old version is still there, unchanged.
        Assert.Equal(new decimal?[] { 10m, 20m }, (await factory.StoredVersionsAsync(code)).Select(v => v.MemberPrice).ToArray());
    }

    [Fact]
    public async Task A_scheduled_version_is_withdrawn_with_a_reason_that_the_audit_keeps()
    {
        var staff = await factory.StaffAsync();
        var code = await PricedItemAsync(staff, 12m, 15m);
        await staff.PostOkAsync($"{AdminRoot}/offers/{code}/publish");
        var scheduled = await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth.AddMonths(3), 99m, 120m));
        var id = scheduled.GetProperty("id").GetString();
        Assert.Equal(2, (await factory.StoredVersionsAsync(code)).Count);

        const string reason = "Erreur de saisie : le Comité a voté 19 €, pas 99 €.";
        var response = await staff.DeleteAsync($"{AdminRoot}/offers/{code}/tariffs/{id}?reason={Uri.EscapeDataString(reason)}");
        var offer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.OK, offer.ToString());
        Assert.Equal(1, offer.GetProperty("versions").GetArrayLength());

        var version = Assert.Single(await factory.StoredVersionsAsync(code));
        Assert.Equal(12m, version.MemberPrice);
        Assert.True(Assert.Single((await factory.StoredItemAsync(code)).Offers).IsPublished);
        var audit = Assert.Single(await factory.StoredAuditAsync(code), a => a.Action == "WithdrawTariffVersion");
        Assert.Equal((reason, DemoAccounts.StaffEmail), (audit.Justification, audit.UserEmail));
        Assert.Contains("99", audit.Before);

        // The date is free again: a corrected version can take its place.
        var corrected = await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth.AddMonths(3), 19m, 23m));
        Assert.Equal(19m, corrected.Dec("memberPrice"));
    }

    [Fact]
    public async Task Staff_updates_an_items_description_and_rules_and_it_is_audited()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("UPD");

        var response = await staff.PutAsJsonAsync($"{AdminRoot}/{code}", new
        {
            name = "Service renommé",
            unitLabel = "site",
            natureAccount = "7062",
            firstYearFree = true,
            membership = "membersAndTheirCommunes",
            components = new[] { new { code = "PART-A", name = "Partie A", commitmentMonths = 24 } },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var item = await factory.StoredItemAsync(code);
        Assert.Equal("Service renommé", item.Name);
        Assert.Equal(24, item.CommitmentMonths);
        Assert.True(item.FirstYearFree);
        Assert.Single(await factory.StoredAuditAsync(code), a => a.Action == "UpdateItem");
    }

    [Fact]
    public async Task The_item_endpoint_shows_every_change_in_its_history_with_who_and_why()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("HIST");
        var extra = NewCode("HISTO");
        await staff.PostOkAsync($"{AdminRoot}/{code}/offers", new { code = extra, name = "Deuxième offre" });
        await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth.AddMonths(-1), 12m, 15m, "Délibération n° 9"));
        await staff.PostOkAsync($"{AdminRoot}/offers/{code}/publish");
        var scheduled = await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth.AddMonths(2), 13m, 16m));
        Assert.True((await staff.DeleteAsync($"{AdminRoot}/offers/{code}/tariffs/{scheduled.GetProperty("id").GetString()}?reason=Vote%20annul%C3%A9")).IsSuccessStatusCode);
        await staff.PostOkAsync($"{AdminRoot}/offers/{code}/retire");

        var details = await staff.ItemDetailsAsync(code);

        var offer = details.Offer(code);
        Assert.False(offer.GetProperty("isPublished").GetBoolean());
        Assert.Equal(12m, Assert.Single(offer.GetProperty("versions").EnumerateArray()).Dec("memberPrice"));
        Assert.Equal(2, details.GetProperty("item").GetProperty("offers").GetArrayLength());
        var history = details.ItemHistory();
        // Newest first.
        Assert.Equal(new[] { "RetireOffer", "WithdrawTariffVersion", "AddTariffVersion", "PublishOffer", "AddTariffVersion", "AddOffer", "CreateItem" },
            history.Select(h => h.GetProperty("action").GetString()).ToArray());
        Assert.All(history, h => Assert.Equal(DemoAccounts.StaffEmail, h.GetProperty("userEmail").GetString()));
        Assert.Equal(extra, history.Single(h => h.GetProperty("action").GetString() == "AddOffer").GetProperty("subject").GetString());
        Assert.Equal($"Comité syndical du {Day(FirstOfThisMonth.AddMonths(-1))} — Délibération n° 9",
            history.Last(h => h.GetProperty("action").GetString() == "AddTariffVersion").GetProperty("justification").GetString());
        Assert.Equal("Vote annulé", history.Single(h => h.GetProperty("action").GetString() == "WithdrawTariffVersion").GetProperty("justification").GetString());
    }

    [Fact]
    public async Task A_refused_command_adds_nothing_to_the_history_the_item_endpoint_shows()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("HREF");
        var before = await staff.ItemDetailsAsync(code);

        await (await staff.PostAsJsonAsync($"{AdminRoot}/offers/{code}/tariffs", PerUnitTariff(FirstOfThisMonth).With("memberPrice", 0m))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await staff.PostAsJsonAsync($"{AdminRoot}/offers/{code}/publish", new { })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var after = await staff.ItemDetailsAsync(code);
        Assert.Equal(before.ItemHistory().Count, after.ItemHistory().Count);
        Assert.Equal(0, after.Offer(code).GetProperty("versions").GetArrayLength());
        Assert.False(after.Offer(code).GetProperty("isPublished").GetBoolean());
    }

    // ---- Bad input: problem details, nothing changed --------------------------------------------------------

    private async Task<JsonElement> RefusedTariffAsync(HttpStatusCode status, Dictionary<string, object?> tariff, string? code = null, Func<HttpClient, string, Task>? arrange = null)
    {
        var staff = await factory.StaffAsync();
        code ??= await staff.CreateItemAsync("BAD");
        if (arrange is not null) await arrange(staff, code);
        var before = await factory.StateAsync(code);

        var response = await staff.PostAsJsonAsync($"{AdminRoot}/offers/{code}/tariffs", tariff);
        var problem = await response.AssertProblemAsync(status);

        Assert.Equal(before, await factory.StateAsync(code));
        return problem;
    }

    [Theory]
    [InlineData("memberPrice", 0)]
    [InlineData("memberPrice", -35)]
    [InlineData("nonMemberPrice", 0)]
    [InlineData("nonMemberPrice", -0.01)]
    public async Task A_zero_or_negative_price_is_a_400_with_a_field_error_and_changes_nothing(string field, double price)
    {
        var problem = await RefusedTariffAsync(HttpStatusCode.BadRequest, PerUnitTariff(FirstOfThisMonth).With(field, (decimal)price));
        Assert.Contains(problem.FieldErrors(field), m => m.Contains("strictement positif"));
    }

    [Fact]
    public async Task A_floor_above_the_cap_is_refused_and_changes_nothing()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("CAP");
        var tariff = PerUnitTariff(FirstOfThisMonth).With("model", "perInhabitantPerYear").With("memberPrice", null).With("nonMemberPrice", null)
            .With("communeRate", 0.07m).With("floor", 6000m).With("cap", 5000m);
        var before = await factory.StateAsync(code);

        var response = await staff.PostAsJsonAsync($"{AdminRoot}/offers/{code}/tariffs", tariff);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"answered {(int)response.StatusCode}");
        var problem = await response.AssertProblemAsync(response.StatusCode);
        Assert.Contains("plafond", problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await factory.StateAsync(code));
    }

    [Fact]
    public async Task A_valid_per_inhabitant_tariff_with_floor_and_cap_is_accepted()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("HAB");
        var tariff = PerUnitTariff(FirstOfThisMonth.AddMonths(-1)).With("model", "perInhabitantPerYear").With("memberPrice", null).With("nonMemberPrice", null)
            .With("communeRate", 0.0725m).With("floor", 50m).With("cap", 5000m);

        var version = await staff.AddTariffAsync(code, tariff);
        await staff.PostOkAsync($"{AdminRoot}/offers/{code}/publish");

        Assert.Equal(0.0725m, version.Dec("communeRate"));
        var stored = Assert.Single(await factory.StoredVersionsAsync(code));
        Assert.Equal((0.0725m, 50m, 5000m), (stored.CommuneRate, stored.Floor, stored.Cap));
        var price = await (await factory.AbbevilleAdminAsync()).GetJsonAsync($"/api/v1/catalogue/{code}/price");
        Assert.Equal(Math.Clamp(Math.Round(0.0725m * price.GetProperty("population").GetInt32(), 2, MidpointRounding.AwayFromZero), 50m, 5000m), price.Dec("annualHt"));
    }

    [Theory]
    [InlineData("memberPrice", "2.91667")]   // a monthly display rounding typed in as a price
    [InlineData("nonMemberPrice", "40.001")]
    [InlineData("setupFeeMember", "75.125")]
    public async Task An_amount_with_more_than_two_decimals_is_a_400_and_changes_nothing(string field, string amount)
    {
        var tariff = PerUnitTariff(FirstOfThisMonth).With("setupFeeBlockSize", 7).With("setupFeeMember", 75m).With("setupFeeNonMember", 90m)
            .With(field, decimal.Parse(amount, CultureInfo.InvariantCulture));
        var problem = await RefusedTariffAsync(HttpStatusCode.BadRequest, tariff);
        Assert.Contains(problem.FieldErrors(field), m => m.Contains("2 décimales"));
    }

    [Fact]
    public async Task A_per_inhabitant_rate_with_more_than_four_decimals_is_a_400_and_changes_nothing()
    {
        var tariff = PerUnitTariff(FirstOfThisMonth).With("model", "perInhabitantPerYear").With("memberPrice", null).With("nonMemberPrice", null)
            .With("communeRate", 0.07255m);
        var problem = await RefusedTariffAsync(HttpStatusCode.BadRequest, tariff);
        Assert.Contains("4 décimales", problem.GetProperty("errors").ToString());
    }

    [Fact]
    public async Task A_voted_price_is_stored_exactly_as_answered()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("EXACT");

        var version = await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth.AddMonths(-1), 35.5m, 40.25m)
            .With("setupFeeBlockSize", 7).With("setupFeeMember", 75.5m).With("setupFeeNonMember", 90.75m));

        var stored = Assert.Single(await factory.StoredVersionsAsync(code));
        Assert.Equal((version.Dec("memberPrice"), version.Dec("nonMemberPrice")), (stored.MemberPrice!.Value, stored.NonMemberPrice!.Value));
        Assert.Equal((75.5m, 90.75m), (stored.SetupFee!.MemberAmount, stored.SetupFee.NonMemberAmount));
    }

    [Fact]
    public async Task Floor_and_cap_on_a_per_unit_tariff_are_a_422_and_change_nothing()
    {
        var problem = await RefusedTariffAsync(HttpStatusCode.UnprocessableEntity, PerUnitTariff(FirstOfThisMonth).With("floor", 10m).With("cap", 100m));
        Assert.Contains("par habitant", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_per_inhabitant_tariff_without_any_rate_is_a_422_and_changes_nothing()
    {
        var problem = await RefusedTariffAsync(HttpStatusCode.UnprocessableEntity,
            PerUnitTariff(FirstOfThisMonth).With("model", "perInhabitantPerYear").With("memberPrice", null).With("nonMemberPrice", null));
        Assert.Contains("taux", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_tariff_effective_before_its_deliberation_is_a_422_and_changes_nothing()
    {
        var problem = await RefusedTariffAsync(HttpStatusCode.UnprocessableEntity,
            PerUnitTariff(FirstOfThisMonth).With("deliberationDate", FirstOfThisMonth.AddDays(5)));
        Assert.Contains("délibération", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(0)]   // same date as the existing version
    [InlineData(-1)]  // earlier
    [InlineData(-24)] // much earlier
    public async Task A_version_on_or_before_the_latest_one_is_a_422_and_changes_nothing(int monthsAfterExisting)
    {
        var existing = FirstOfThisMonth.AddMonths(-2);
        var problem = await RefusedTariffAsync(HttpStatusCode.UnprocessableEntity, PerUnitTariff(existing.AddMonths(monthsAfterExisting), 99m, 99m),
            arrange: (staff, code) => staff.AddTariffAsync(code, PerUnitTariff(existing)));
        Assert.Contains("prendre effet après", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_version_before_a_scheduled_one_is_a_422_too()
    {
        var problem = await RefusedTariffAsync(HttpStatusCode.UnprocessableEntity, PerUnitTariff(FirstOfThisMonth.AddMonths(1), 99m, 99m),
            arrange: async (staff, code) =>
            {
                await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth.AddMonths(-2)));
                await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth.AddMonths(6)));
            });
        Assert.Contains(Day(FirstOfThisMonth.AddMonths(6)), problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("model", "perBanana")]
    [InlineData("model", "1")]
    [InlineData("vat", "reduced")]
    [InlineData("vat", "5.5")]
    public async Task An_unknown_model_or_VAT_is_a_400_with_a_field_error_and_changes_nothing(string field, string value)
    {
        var problem = await RefusedTariffAsync(HttpStatusCode.BadRequest, PerUnitTariff(FirstOfThisMonth).With(field, value));
        Assert.Contains(problem.FieldErrors(field), m => m.Contains("inconnu"));
    }

    [Theory]
    [InlineData("deliberationReference", null)]
    [InlineData("deliberationReference", "")]
    [InlineData("deliberationReference", "   ")]
    [InlineData("deliberationBody", null)]
    [InlineData("effectiveFrom", null)]
    [InlineData("model", null)]
    [InlineData("vat", null)]
    public async Task A_missing_deliberation_reference_or_required_field_is_a_400_and_changes_nothing(string field, string? value)
    {
        var problem = await RefusedTariffAsync(HttpStatusCode.BadRequest, PerUnitTariff(FirstOfThisMonth).With(field, value));
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task A_setup_fee_block_without_amounts_is_a_400_and_changes_nothing()
    {
        var problem = await RefusedTariffAsync(HttpStatusCode.BadRequest, PerUnitTariff(FirstOfThisMonth).With("setupFeeBlockSize", 7));
        Assert.NotEmpty(problem.FieldErrors("setupFeeMember"));
    }

    [Fact]
    public async Task An_unknown_offer_or_item_code_is_a_404_problem()
    {
        var staff = await factory.StaffAsync();
        var unknown = NewCode("NONE");
        var calls = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Post, $"{AdminRoot}/offers/{unknown}/tariffs", PerUnitTariff(FirstOfThisMonth)),
            (HttpMethod.Post, $"{AdminRoot}/offers/{unknown}/publish", new { }),
            (HttpMethod.Post, $"{AdminRoot}/offers/{unknown}/retire", new { }),
            (HttpMethod.Delete, $"{AdminRoot}/offers/{unknown}/tariffs/{Guid.NewGuid()}?reason=test", null),
            (HttpMethod.Get, $"{AdminRoot}/{unknown}", null),
            (HttpMethod.Post, $"{AdminRoot}/{unknown}/offers", new { code = NewCode("O"), name = "Offre" }),
            (HttpMethod.Put, $"{AdminRoot}/{unknown}", new { name = "X", unitLabel = "agent", natureAccount = "706" }),
        };
        foreach (var (method, url, body) in calls)
        {
            var problem = await (await staff.SendJsonAsync(method, url, body)).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Contains("n'existe pas", problem.GetProperty("detail").GetString());
        }
        Assert.DoesNotContain((await staff.GetJsonAsync(AdminRoot)).EnumerateArray(), i => i.GetProperty("code").GetString() == unknown);
    }

    [Fact]
    public async Task Publishing_an_offer_without_a_tariff_is_a_422_in_French_and_changes_nothing()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("NOTAR");
        var before = await factory.StateAsync(code);

        var problem = await (await staff.PostAsJsonAsync($"{AdminRoot}/offers/{code}/publish", new { })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal($"L'offre {code} n'a pas de tarif en vigueur : ajoutez une version de tarif avant de la publier.", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await factory.StateAsync(code));
    }

    [Fact]
    public async Task Publishing_an_offer_whose_tariff_starts_after_the_first_of_the_month_is_a_422_and_changes_nothing()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("LATE");
        var effective = FirstOfThisMonth.AddDays(1); // not in force on the 1st of this month
        await staff.AddTariffAsync(code, PerUnitTariff(effective));
        var before = await factory.StateAsync(code);

        var problem = await (await staff.PostAsJsonAsync($"{AdminRoot}/offers/{code}/publish", new { })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("pourra donc être publiée à partir du", detail);
        Assert.Contains(Day(FirstOfThisMonth.AddMonths(1)), detail);
        Assert.Equal(before, await factory.StateAsync(code));
        Assert.DoesNotContain(code, (await (await factory.AbbevilleAdminAsync()).GetJsonAsync("/api/v1/catalogue")).EntriesByOffer().Keys);
    }

    [Fact]
    public async Task Withdrawing_a_version_already_in_force_is_a_422_and_changes_nothing()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("INFORCE");
        var version = await staff.AddTariffAsync(code, PerUnitTariff(Today));
        var before = await factory.StateAsync(code);

        var response = await staff.DeleteAsync($"{AdminRoot}/offers/{code}/tariffs/{version.GetProperty("id").GetString()}?reason=essai");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("déjà entré en vigueur", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await factory.StateAsync(code));
    }

    [Fact]
    public async Task Withdrawing_a_seeded_voted_tariff_is_a_422_and_changes_nothing()
    {
        var staff = await factory.StaffAsync();
        var before = await factory.StateAsync("COFFRE-FORT");
        var id = Assert.Single(await factory.StoredVersionsAsync("COFFRE-FORT")).Id;

        var response = await staff.DeleteAsync($"{AdminRoot}/offers/COFFRE-FORT/tariffs/{id}?reason=essai");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await factory.StateAsync("COFFRE-FORT"));
    }

    [Fact]
    public async Task Withdrawing_without_a_reason_is_a_400_and_changes_nothing()
    {
        var staff = await factory.StaffAsync();
        var code = await PricedItemAsync(staff);
        var scheduled = await staff.AddTariffAsync(code, PerUnitTariff(FirstOfThisMonth.AddMonths(4)));
        var before = await factory.StateAsync(code);

        var response = await staff.DeleteAsync($"{AdminRoot}/offers/{code}/tariffs/{scheduled.GetProperty("id").GetString()}");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("reason"));
        Assert.Equal(before, await factory.StateAsync(code));
    }

    [Theory]
    [InlineData("COFFRE-FORT")]
    [InlineData("coffre-fort")]
    [InlineData("FTTH-INITIALE")] // an offer's code is taken too
    public async Task A_duplicate_item_code_is_a_409_and_changes_nothing(string code)
    {
        var staff = await factory.StaffAsync();
        var before = (await staff.GetJsonAsync(AdminRoot)).GetArrayLength();
        var vault = await factory.StateAsync("COFFRE-FORT");

        var response = await staff.PostAsJsonAsync(AdminRoot, ItemBody(code, "Doublon"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("déjà utilisé", problem.GetProperty("detail").GetString());
        Assert.Equal(before, (await staff.GetJsonAsync(AdminRoot)).GetArrayLength());
        Assert.Equal(vault, await factory.StateAsync("COFFRE-FORT"));
    }

    [Fact]
    public async Task A_duplicate_offer_code_is_a_409_and_changes_nothing()
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("DUPO");
        var before = await factory.StateAsync(code);

        var response = await staff.PostAsJsonAsync($"{AdminRoot}/{code}/offers", new { code = "COFFRE-FORT", name = "Doublon" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await factory.StateAsync(code));
    }

    [Theory]
    [InlineData("BAD_CODE")]
    [InlineData("CODE!")]
    [InlineData("ÉCOLE-NUM")]
    [InlineData("DEUX MOTS")]
    [InlineData("X")]
    [InlineData("")]
    [InlineData("ABCDEFGHIJ-ABCDEFGHIJ-ABCDEFGHIJ-ABCDEFGH")] // 41 characters
    public async Task An_invalid_item_code_is_a_400_with_a_field_error_and_creates_nothing(string code)
    {
        var staff = await factory.StaffAsync();
        var before = (await staff.GetJsonAsync(AdminRoot)).GetArrayLength();

        var problem = await (await staff.PostAsJsonAsync(AdminRoot, ItemBody(code))).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("code"));
        Assert.Equal(before, (await staff.GetJsonAsync(AdminRoot)).GetArrayLength());
    }

    [Theory]
    [InlineData("BAD_CODE")]
    [InlineData("ÉCOLE")]
    public async Task An_invalid_offer_code_is_a_400_and_changes_nothing(string offerCode)
    {
        var staff = await factory.StaffAsync();
        var code = await staff.CreateItemAsync("BADO");
        var before = await factory.StateAsync(code);

        var problem = await (await staff.PostAsJsonAsync($"{AdminRoot}/{code}/offers", new { code = offerCode, name = "Offre" })).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("code"));
        Assert.Equal(before, await factory.StateAsync(code));
    }

    [Fact]
    public async Task An_item_without_name_unit_or_account_is_a_400_with_field_errors()
    {
        var staff = await factory.StaffAsync();
        var code = NewCode("EMPTY");

        var response = await staff.PostAsJsonAsync(AdminRoot, new { code, fields = new { natureAccount = "abc", membership = "everybody" } });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("name"));
        Assert.NotEmpty(problem.FieldErrors("unitLabel"));
        Assert.NotEmpty(problem.FieldErrors("natureAccount"));
        Assert.NotEmpty(problem.FieldErrors("membership"));
        await (await staff.GetAsync($"{AdminRoot}/{code}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteCatalogueAdminApiTests(SqliteApp app) : CatalogueAdminApiTests(app.Factory), IClassFixture<SqliteApp>;

public sealed class PostgreSqlCatalogueAdminApiTests(PostgreSqlApp app) : CatalogueAdminApiTests(app.Factory), IClassFixture<PostgreSqlApp>;
