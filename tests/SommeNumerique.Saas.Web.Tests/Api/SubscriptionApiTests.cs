using System.Net;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api;

/// <summary>
/// Subscriptions through the API, on each database provider: quote, subscribe, list, read, change the
/// quantity, terminate, concurrent changes, an EPCI subscribing for its communes. Every refusal is checked to
/// leave the database as it was.
/// <para>
/// The tests of a class share one database and the first-year gratuity of the vault (COFFRE-FORT, the only
/// item with one) depends on whether a tenant ever subscribed to it, so each test keeps to tenant/item pairs
/// of its own:
/// Abbeville: COFFRE-FORT and PACK-CYBER quoted only, never subscribed;
/// Vitz-sur-Authie: COFFRE-FORT quoted only, FTTH refused, PACK-CYBER subscribed (non-member);
/// Ercourt: COFFRE-FORT (first and second subscription), PACK-CYBER (read by another tenant);
/// Aumâtre: PACK-CYBER (quantity, termination, lists; each test first removes the previous one: a tenant has one open
/// subscription per offer), refusals;
/// communes subscribed by staff, one per test: 80002, 80004, 80005, 80006, 80008, 80009, 80010, 80011, 80126;
/// CA de la Baie de Somme: APP-MOBILE for its member communes.
/// </para>
/// </summary>
public abstract class SubscriptionApiTests(SaasAppFactory factory)
{
    private const string Ercourt = "80280";
    private const string VitzSurAuthie = "80810";
    private const string Aumatre = "80040";
    private const string CaBaieDeSomme = "200070993";

    private static DateOnly CommitmentEndFor(DateOnly start, int months = 36) => start.AddMonths(months).AddDays(-1);

    private static DateOnly GratuityEndFor(DateOnly start) => new DateOnly(start.Year, start.Month, 1).AddMonths(12).AddDays(-1);

    // ---------------------------------------------------------------- quote

    [Fact]
    public async Task A_quote_for_Abbeville_applies_member_prices_the_first_year_gratuity_and_the_commitment()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var before = await factory.AllSubscriptionsAsync();

        var quote = await admin.QuoteAsync(Request("COFFRE-FORT", 10));

        var price = quote.GetProperty("price");
        Assert.Equal("member", price.Str("priceList"));
        Assert.Contains("CA de la Baie de Somme", price.Str("priceListReason"));
        Assert.Contains("membre de Somme Numérique", price.Str("priceListReason"));
        Assert.Equal(350m, price.GetProperty("annualHt").GetDecimal());
        Assert.Equal(70m, price.GetProperty("annualVat").GetDecimal());
        Assert.Equal(420m, price.GetProperty("annualTtc").GetDecimal());
        Assert.Equal("Abbeville", quote.Str("tenantName"));
        Assert.Equal(Today, quote.Date("startDate"));
        Assert.Equal(36, quote.Int("commitmentMonths"));
        Assert.Equal(CommitmentEndFor(Today), quote.Date("commitmentEnd"));
        Assert.True(quote.GetProperty("firstYearFree").GetBoolean());
        Assert.Equal(GratuityEndFor(Today), quote.Date("gratuityEndsOn"));
        Assert.StartsWith("Gratuit la première année", quote.Str("gratuityText"));
        Assert.Contains(French(GratuityEndFor(Today)), quote.Str("gratuityText"));
        Assert.True(quote.GetProperty("canSubscribe").GetBoolean());
        Assert.True(quote.IsNull("refusal"));

        // First invoice: the months left this year, all free (the gratuity is a visible negative line).
        var invoice = quote.GetProperty("firstInvoice");
        var months = MonthsLeftThisYear;
        var prorated = Round(350m * months / 12m);
        Assert.Equal(months, invoice.Int("billedMonths"));
        Assert.Equal(new DateOnly(Today.Year, 12, 31), invoice.GetProperty("period").Date("end"));
        var lines = invoice.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(prorated, lines[0].GetProperty("amountHt").GetDecimal());
        Assert.Contains($"{months} mois", lines[0].Str("label"));
        Assert.Equal(-prorated, lines[1].GetProperty("amountHt").GetDecimal());
        Assert.Equal($"Gratuité première année ({months} mois, jusqu'au {French(GratuityEndFor(Today))})", lines[1].Str("label"));
        Assert.Equal(0m, invoice.GetProperty("totalHt").GetDecimal());
        Assert.Equal(0m, invoice.GetProperty("totalVat").GetDecimal());
        Assert.Equal(0m, invoice.GetProperty("totalTtc").GetDecimal());

        Assert.Equal(before, await factory.AllSubscriptionsAsync());
    }

    [Fact]
    public async Task A_quote_with_a_later_start_date_dates_the_commitment_and_the_gratuity_from_it()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var start = new DateOnly(Today.Year + 1, 2, 15);

        var quote = await admin.QuoteAsync(Request("COFFRE-FORT", 3, start));

        Assert.Equal(start, quote.Date("startDate"));
        Assert.Equal(new DateOnly(Today.Year + 4, 2, 14), quote.Date("commitmentEnd"));
        Assert.Equal(new DateOnly(Today.Year + 2, 1, 31), quote.Date("gratuityEndsOn"));
        var invoice = quote.GetProperty("firstInvoice");
        Assert.Equal(11, invoice.Int("billedMonths"));
        Assert.Equal(Round(105m * 11 / 12m), invoice.GetProperty("lines")[0].GetProperty("amountHt").GetDecimal());
        Assert.Equal(0m, invoice.GetProperty("totalTtc").GetDecimal());
    }

    [Fact]
    public async Task A_quote_for_Vitz_sur_Authie_applies_non_member_prices_and_says_why()
    {
        var secretary = await factory.SecretaryAsync();
        var vitz = await factory.SecretaryCommuneAsync(VitzSurAuthie);
        var before = await factory.AllSubscriptionsAsync();

        var quote = await secretary.QuoteAsync(Request("COFFRE-FORT", 10), vitz);

        var price = quote.GetProperty("price");
        Assert.Equal("nonMember", price.Str("priceList"));
        Assert.Contains("CC du Ternois", price.Str("priceListReason"));
        Assert.Contains("tarif non-membre", price.Str("priceListReason"));
        Assert.Equal(400m, price.GetProperty("annualHt").GetDecimal());
        Assert.Equal(80m, price.GetProperty("annualVat").GetDecimal());
        Assert.Equal(480m, price.GetProperty("annualTtc").GetDecimal());
        // The gratuity is for members and non-members alike.
        Assert.Equal(GratuityEndFor(Today), quote.Date("gratuityEndsOn"));
        Assert.StartsWith("Gratuit la première année", quote.Str("gratuityText"));
        Assert.Equal(CommitmentEndFor(Today), quote.Date("commitmentEnd"));
        var lines = quote.GetProperty("firstInvoice").GetProperty("lines");
        Assert.Equal(Round(400m * MonthsLeftThisYear / 12m), lines[0].GetProperty("amountHt").GetDecimal());
        Assert.Equal(0m, quote.GetProperty("firstInvoice").GetProperty("totalTtc").GetDecimal());
        Assert.True(quote.GetProperty("canSubscribe").GetBoolean());

        Assert.Equal(before, await factory.AllSubscriptionsAsync());
    }

    [Fact]
    public async Task The_pack_cybersecurite_quote_adds_a_setup_fee_per_started_block_of_seven_at_each_price_list()
    {
        var admin = await factory.AbbevilleAdminAsync();
        var secretary = await factory.SecretaryAsync();
        var vitz = await factory.SecretaryCommuneAsync(VitzSurAuthie);

        var member = await admin.QuoteAsync(Request("PACK-CYBER", 8));
        var nonMember = await secretary.QuoteAsync(Request("PACK-CYBER", 8), vitz);

        foreach (var (quote, list, unit, fee) in new[] { (member, "member", 30m, 150m), (nonMember, "nonMember", 35m, 180m) })
        {
            var price = quote.GetProperty("price");
            Assert.Equal(list, price.Str("priceList"));
            Assert.Equal(unit * 8, price.GetProperty("annualHt").GetDecimal());
            var setup = price.GetProperty("setupFee");
            Assert.Equal(2, setup.Int("blocks"));
            Assert.Equal(7, setup.Int("blockSize"));
            Assert.Equal(fee, setup.GetProperty("amountHt").GetDecimal());
            Assert.Equal(fee * 1.2m, setup.GetProperty("amountTtc").GetDecimal());

            // No gratuity for the packs; a 36-month commitment (the antivirus component).
            Assert.False(quote.GetProperty("firstYearFree").GetBoolean());
            Assert.True(quote.IsNull("gratuityEndsOn"));
            Assert.True(quote.IsNull("gratuityText"));
            Assert.Equal(36, quote.Int("commitmentMonths"));
            Assert.Equal(CommitmentEndFor(Today), quote.Date("commitmentEnd"));

            var invoice = quote.GetProperty("firstInvoice");
            var lines = invoice.GetProperty("lines").EnumerateArray().ToList();
            var prorated = Round(unit * 8 * MonthsLeftThisYear / 12m);
            Assert.Equal(2, lines.Count);
            Assert.Equal(prorated, lines[0].GetProperty("amountHt").GetDecimal());
            Assert.Equal(fee, lines[1].GetProperty("amountHt").GetDecimal());
            Assert.Contains("Frais de mise en service", lines[1].Str("label"));
            Assert.Equal(prorated + fee, invoice.GetProperty("totalHt").GetDecimal());
            Assert.Equal(Round((prorated + fee) * 0.2m), invoice.GetProperty("totalVat").GetDecimal());
            Assert.Equal(prorated + fee + Round((prorated + fee) * 0.2m), invoice.GetProperty("totalTtc").GetDecimal());
        }
    }

    [Fact]
    public async Task The_fibre_offer_quoted_for_a_commune_of_a_non_member_EPCI_cannot_be_subscribed()
    {
        var secretary = await factory.SecretaryAsync();
        var vitz = await factory.SecretaryCommuneAsync(VitzSurAuthie);
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);

        var refused = await secretary.QuoteAsync(Request("FTTH-INITIALE", 1), vitz);
        var allowed = await secretary.QuoteAsync(Request("FTTH-INITIALE", 1), aumatre);

        Assert.False(refused.GetProperty("canSubscribe").GetBoolean());
        Assert.Equal("Réservé aux membres et aux communes des EPCI membres.", refused.Str("refusal"));
        Assert.False(refused.GetProperty("price").GetProperty("eligible").GetBoolean());
        Assert.True(allowed.GetProperty("canSubscribe").GetBoolean());
        Assert.Equal(460m, allowed.GetProperty("price").GetProperty("annualHt").GetDecimal());
    }

    [Fact]
    public async Task A_bad_quote_request_is_refused_and_a_tenant_cannot_quote_for_another_tenant()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        var abbeville = await factory.TenantIdByCodeAsync(DemoAccounts.AbbevilleInsee);

        var invalid = await secretary.PostJsonAsync($"{Root}/quote", new { offerCode = "", quantity = 0 }, aumatre);
        var other = await secretary.PostJsonAsync($"{Root}/quote", Request("COFFRE-FORT", 1, tenantId: abbeville), aumatre);

        var problem = await invalid.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors("quantity"));
        Assert.NotEmpty(problem.Errors("offerCode"));
        var notFound = await other.ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain("Abbeville", notFound.GetRawText());
    }

    // ---------------------------------------------------------------- create

    [Fact]
    public async Task A_member_commune_subscribes_and_a_second_subscription_to_the_same_item_is_not_free_again()
    {
        var secretary = await factory.SecretaryAsync();
        var ercourt = await factory.SecretaryCommuneAsync(Ercourt);

        var first = await secretary.SubscribeAsync(Request("COFFRE-FORT", 5), ercourt);

        Assert.Equal(ercourt, first.Str("tenantId"));
        Assert.Equal("Ercourt", first.Str("tenantName"));
        Assert.Equal("COFFRE-FORT", first.Str("offerCode"));
        Assert.Equal(Today, first.Date("startDate"));
        Assert.Equal(5, first.Int("quantity"));
        Assert.Equal(5, first.Int("committedQuantity"));
        Assert.True(first.IsNull("pendingQuantity"));
        Assert.Equal(CommitmentEndFor(Today), first.Date("commitmentEnd"));
        Assert.Equal(GratuityEndFor(Today), first.Date("gratuityEndsOn"));
        Assert.Equal("Active", first.Str("status"));
        Assert.True(first.IsNull("terminationDate"));
        Assert.Equal(CommitmentEndFor(Today), first.Date("earliestTermination"));
        Assert.False(first.GetProperty("forMemberCommunes").GetBoolean());
        Assert.Equal(1, first.Int("version"));
        var entry = Assert.Single(first.History());
        Assert.Equal(DemoAccounts.SecretaryEmail, entry.Str("by"));
        Assert.Contains("Souscription de 5", entry.Str("description"));
        Assert.Contains($"gratuit jusqu'au {French(GratuityEndFor(Today))}", entry.Str("description"));
        Assert.Equal(first.Canonical(), (await secretary.SubscriptionAsync(first.Str("id")!, ercourt)).Canonical());

        var quote = await secretary.QuoteAsync(Request("COFFRE-FORT", 2), ercourt);
        Assert.True(quote.IsNull("gratuityEndsOn"));
        Assert.Equal("La gratuité de la première année ne s'applique qu'à la première souscription à ce service.", quote.Str("gratuityText"));
        var lines = quote.GetProperty("firstInvoice").GetProperty("lines");
        Assert.Equal(1, lines.GetArrayLength());
        Assert.Equal(Round(70m * MonthsLeftThisYear / 12m), quote.GetProperty("firstInvoice").GetProperty("totalHt").GetDecimal());

        // A second subscription of the same offer while the first runs is refused (409), pointing to the first.
        var before = await factory.AllSubscriptionsAsync();
        var duplicate = await (await secretary.PostJsonAsync(Root, Request("COFFRE-FORT", 2), ercourt)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Ercourt est déjà abonné(e) à l'offre", duplicate.Str("detail"));
        Assert.Contains("(COFFRE-FORT)", duplicate.Str("detail"));
        Assert.Contains("modifiez plutôt la quantité de l'abonnement en cours", duplicate.Str("detail"));
        Assert.Contains(first.Str("id")!, duplicate.Str("detail"));
        Assert.Equal(before, await factory.AllSubscriptionsAsync());

        // Still refused once its termination is scheduled; a terminated one no longer blocks (staff end it today).
        var staff = await factory.StaffAsync();
        (await staff.TerminateAsync(first.Str("id")!, Today, reason: "remplacé par un nouvel abonnement")).EnsureSuccessStatusCode();
        await (await secretary.PostJsonAsync(Root, Request("COFFRE-FORT", 2), ercourt)).ProblemAsync(HttpStatusCode.Conflict);
        factory.Clock.Advance(TimeSpan.FromDays(1));
        try
        {
            var second = await (await factory.SecretaryAsync()).SubscribeAsync(Request("COFFRE-FORT", 2, Today.AddDays(1)), ercourt);
            Assert.NotEqual(first.Str("id"), second.Str("id"));
            Assert.True(second.IsNull("gratuityEndsOn"));
            Assert.DoesNotContain("gratuit", Assert.Single(second.History()).Str("description"));
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromDays(-1));
        }
    }

    [Fact]
    public async Task A_commune_of_a_non_member_EPCI_subscribes_at_non_member_prices()
    {
        var secretary = await factory.SecretaryAsync();
        var vitz = await factory.SecretaryCommuneAsync(VitzSurAuthie);

        var quote = await secretary.QuoteAsync(Request("PACK-CYBER", 8), vitz);
        var view = await secretary.SubscribeAsync(Request("PACK-CYBER", 8), vitz);

        Assert.Equal("nonMember", quote.GetProperty("price").Str("priceList"));
        Assert.Equal(vitz, view.Str("tenantId"));
        Assert.Equal("Vitz-sur-Authie", view.Str("tenantName"));
        Assert.Equal(8, view.Int("quantity"));
        Assert.Equal(36, view.Int("commitmentMonths"));
        Assert.Equal(CommitmentEndFor(Today), view.Date("commitmentEnd"));
        Assert.True(view.IsNull("gratuityEndsOn"));
        Assert.Equal("Active", view.Str("status"));
        Assert.Equal(1, view.Int("version"));
        Assert.Contains(view.Str("id"), (await secretary.ListAsync(tenantId: vitz)).Select(s => s.Str("id")));
    }

    [Fact]
    public async Task Staff_subscribes_a_commune_of_a_non_member_EPCI_which_gets_the_gratuity_too()
    {
        var staff = await factory.StaffAsync();
        var bouttencourt = await factory.TenantIdByCodeAsync("80126");

        var quote = await staff.QuoteAsync(Request("COFFRE-FORT", 4, tenantId: bouttencourt));
        var view = await staff.SubscribeAsync(Request("COFFRE-FORT", 4, tenantId: bouttencourt));

        Assert.Equal("nonMember", quote.GetProperty("price").Str("priceList"));
        Assert.Equal(160m, quote.GetProperty("price").GetProperty("annualHt").GetDecimal());
        Assert.Equal(bouttencourt, view.Str("tenantId"));
        Assert.Equal(GratuityEndFor(Today), view.Date("gratuityEndsOn"));
        Assert.Equal(DemoAccounts.StaffEmail, Assert.Single(view.History()).Str("by"));
    }

    [Fact]
    public async Task Staff_records_an_existing_contract_with_a_past_start_date()
    {
        var staff = await factory.StaffAsync();
        var commune = await factory.TenantIdByCodeAsync("80002");
        var start = Today.AddYears(-1).AddDays(-10);

        var view = await staff.SubscribeAsync(Request("COFFRE-FORT", 6, start, commune));

        Assert.Equal(start, view.Date("startDate"));
        Assert.Equal(6, view.Int("quantity"));
        Assert.Equal(CommitmentEndFor(start), view.Date("commitmentEnd"));
        Assert.Equal(GratuityEndFor(start), view.Date("gratuityEndsOn"));
        Assert.Equal("Active", view.Str("status"));
    }

    [Fact]
    public async Task An_offer_the_tenant_is_not_eligible_to_is_refused_and_nothing_is_recorded()
    {
        var secretary = await factory.SecretaryAsync();
        var vitz = await factory.SecretaryCommuneAsync(VitzSurAuthie);
        var before = await factory.AllSubscriptionsAsync();

        var response = await secretary.PostJsonAsync(Root, Request("FTTH-INITIALE", 1), vitz);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Réservé aux membres et aux communes des EPCI membres.", problem.Str("detail"));
        Assert.Equal(before, await factory.AllSubscriptionsAsync());
    }

    [Fact]
    public async Task An_unpublished_offer_is_refused_to_a_tenant_and_nothing_is_recorded()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        var before = await factory.AllSubscriptionsAsync();

        var response = await secretary.PostJsonAsync(Root, Request("MESSAGERIE", 3), aumatre);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Cette offre n'est pas proposée au catalogue.", problem.Str("detail"));
        Assert.Equal(before, await factory.AllSubscriptionsAsync());
    }

    [Fact]
    public async Task An_unknown_offer_is_not_found_and_nothing_is_recorded()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        var before = await factory.AllSubscriptionsAsync();

        var response = await secretary.PostJsonAsync(Root, Request("OFFRE-INCONNUE", 1), aumatre);

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("OFFRE-INCONNUE", problem.Str("detail"));
        Assert.Equal(before, await factory.AllSubscriptionsAsync());
    }

    [Fact]
    public async Task A_zero_quantity_is_a_validation_error_on_the_quantity_field_and_nothing_is_recorded()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        var before = await factory.AllSubscriptionsAsync();

        var response = await secretary.PostJsonAsync(Root, Request("PACK-CYBER", 0), aumatre);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(new[] { "La quantité doit être comprise entre 1 et 100 000." }, problem.Errors("quantity"));
        Assert.Equal(before, await factory.AllSubscriptionsAsync());
    }

    [Fact]
    public async Task A_tenant_cannot_start_a_subscription_in_the_past()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        var before = await factory.AllSubscriptionsAsync();

        var response = await secretary.PostJsonAsync(Root, Request("PACK-CYBER", 1, Today.AddDays(-1)), aumatre);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(new[] { "La date de début ne peut pas être passée." }, problem.Errors("startDate"));
        Assert.Equal(before, await factory.AllSubscriptionsAsync());
    }

    [Fact]
    public async Task Staff_must_name_the_tenant_subscribing()
    {
        var staff = await factory.StaffAsync();
        var before = await factory.AllSubscriptionsAsync();

        var response = await staff.PostJsonAsync(Root, Request("PACK-CYBER", 1));

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("tenantId", problem.Str("detail"));
        Assert.Equal(before, await factory.AllSubscriptionsAsync());
    }

    [Fact]
    public async Task A_tenant_cannot_subscribe_for_another_tenant()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        var abbeville = await factory.TenantIdByCodeAsync(DemoAccounts.AbbevilleInsee);
        var before = await factory.AllSubscriptionsAsync();

        var response = await secretary.PostJsonAsync(Root, Request("PACK-CYBER", 1, tenantId: abbeville), aumatre);

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain("Abbeville", problem.GetRawText());
        Assert.Equal(before, await factory.AllSubscriptionsAsync());
    }

    [Fact]
    public async Task A_subscription_starting_later_has_no_pending_change_until_one_is_made()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        var start = Today.AddMonths(1);

        await factory.RemoveSubscriptionsAsync(aumatre, "PACK-CYBER"); // one open subscription per tenant and offer
        var view = await secretary.SubscribeAsync(Request("PACK-CYBER", 4, start), aumatre);

        Assert.Equal(start, view.Date("startDate"));
        Assert.Equal(4, view.Int("quantity"));
        Assert.Equal(CommitmentEndFor(start), view.Date("commitmentEnd"));
        Assert.True(view.IsNull("pendingQuantity"), $"pendingQuantity should be null, got {view.GetProperty("pendingQuantity")}");
    }

    [Fact]
    public async Task Asking_for_the_quantity_a_later_subscription_already_has_changes_nothing()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        await factory.RemoveSubscriptionsAsync(aumatre, "PACK-CYBER"); // one open subscription per tenant and offer
        var id = (await secretary.SubscribeAsync(Request("PACK-CYBER", 4, Today.AddMonths(1)), aumatre)).Str("id")!;
        var before = await factory.StoredSubscriptionAsync(id);

        var response = await secretary.ChangeQuantityAsync(id, 4, tenantId: aumatre);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("La quantité est déjà de 4.", problem.Str("detail"));
        Assert.Equal(before, await factory.StoredSubscriptionAsync(id));
    }

    // ---------------------------------------------------------------- list and read

    [Fact]
    public async Task A_tenant_lists_only_its_own_subscriptions()
    {
        var secretary = await factory.SecretaryAsync();
        var staff = await factory.StaffAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        var other = await factory.TenantIdByCodeAsync("80004");
        await factory.RemoveSubscriptionsAsync(aumatre, "PACK-CYBER"); // one open subscription per tenant and offer
        var own = await secretary.SubscribeAsync(Request("PACK-CYBER", 1), aumatre);
        var theirs = await staff.SubscribeAsync(Request("PACK-CYBER", 1, tenantId: other));

        var list = await secretary.ListAsync(tenantId: aumatre);
        var filtered = await secretary.GetAsTenantAsync($"{Root}?tenantId={other}", aumatre);

        Assert.Contains(own.Str("id"), list.Select(s => s.Str("id")));
        Assert.DoesNotContain(theirs.Str("id"), list.Select(s => s.Str("id")));
        Assert.All(list.Where(s => s.IsNull("providedBy")), s => Assert.Equal(aumatre, s.Str("tenantId")));
        Assert.All(list, s => Assert.True(s.IsNull("history")));
        await filtered.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_lists_every_tenants_subscriptions_and_filters_by_tenant_offer_and_status()
    {
        var staff = await factory.StaffAsync();
        var commune = await factory.TenantIdByCodeAsync("80005");
        var another = await factory.TenantIdByCodeAsync("80011");
        var vault = await staff.SubscribeAsync(Request("COFFRE-FORT", 2, tenantId: commune));
        var pack = await staff.SubscribeAsync(Request("PACK-CYBER", 3, tenantId: commune));
        var elsewhere = await staff.SubscribeAsync(Request("PACK-CYBER", 1, tenantId: another));
        (await staff.TerminateAsync(pack.Str("id")!)).EnsureSuccessStatusCode();

        var all = await staff.ListAsync();
        var ofCommune = await staff.ListAsync($"tenantId={commune}");
        var packs = await staff.ListAsync($"tenantId={commune}&offerCode=pack-cyber");
        var scheduled = await staff.ListAsync($"tenantId={commune}&status=TerminationScheduled");
        var active = await staff.ListAsync($"tenantId={commune}&status=active");
        var allPacks = await staff.ListAsync("offerCode=PACK-CYBER");

        Assert.Superset(new[] { vault, pack, elsewhere }.Select(s => s.Str("id")).ToHashSet(), all.Select(s => s.Str("id")).ToHashSet());
        Assert.Equal(new[] { vault.Str("id"), pack.Str("id") }.Order(), ofCommune.Select(s => s.Str("id")).Order());
        Assert.Equal(pack.Str("id"), Assert.Single(packs).Str("id"));
        Assert.Equal(pack.Str("id"), Assert.Single(scheduled).Str("id"));
        Assert.Equal(vault.Str("id"), Assert.Single(active).Str("id"));
        Assert.All(allPacks, s => Assert.Equal("PACK-CYBER", s.Str("offerCode")));
        Assert.Contains(elsewhere.Str("id"), allPacks.Select(s => s.Str("id")));
    }

    [Fact]
    public async Task An_unknown_status_filter_is_a_bad_request()
    {
        var staff = await factory.StaffAsync();

        foreach (var status in new[] { "Resilie", "2" })
        {
            var problem = await (await staff.GetAsync($"{Root}?status={status}")).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(new[] { "Statut inconnu : Active, TerminationScheduled ou Terminated." }, problem.Errors("status"));
        }
    }

    [Fact]
    public async Task Another_tenants_subscription_is_not_found_and_nothing_about_it_leaks()
    {
        var secretary = await factory.SecretaryAsync();
        var ercourt = await factory.SecretaryCommuneAsync(Ercourt);
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        var view = await secretary.SubscribeAsync(Request("PACK-CYBER", 4), ercourt);
        var id = view.Str("id")!;
        var stored = await factory.StoredSubscriptionAsync(id);

        var asAumatre = await secretary.GetAsTenantAsync($"{Root}/{id}", aumatre);
        var asAbbeville = await (await factory.AbbevilleAdminAsync()).GetAsync($"{Root}/{id}");
        var change = await secretary.ChangeQuantityAsync(id, 9, tenantId: aumatre);
        var terminate = await secretary.TerminateAsync(id, tenantId: aumatre);

        foreach (var response in new[] { asAumatre, asAbbeville, change, terminate })
        {
            var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal("Abonnement introuvable.", problem.Str("detail"));
            Assert.DoesNotContain("Ercourt", problem.GetRawText());
            Assert.DoesNotContain("PACK-CYBER", problem.GetRawText());
        }
        var own = await secretary.SubscriptionAsync(id, ercourt);
        Assert.Equal(view.Str("id"), own.Str("id"));
        Assert.Single(own.History());
        Assert.Equal(stored, await factory.StoredSubscriptionAsync(id));
    }

    // ---------------------------------------------------------------- quantity

    [Fact]
    public async Task An_increase_takes_effect_at_once_and_is_kept_in_the_history()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        await factory.RemoveSubscriptionsAsync(aumatre, "PACK-CYBER"); // one open subscription per tenant and offer
        var created = await secretary.SubscribeAsync(Request("PACK-CYBER", 8), aumatre);
        var id = created.Str("id")!;

        var response = await secretary.ChangeQuantityAsync(id, 12, version: 1, tenantId: aumatre);

        var view = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(12, view.Int("quantity"));
        Assert.Equal(8, view.Int("committedQuantity"));
        Assert.True(view.IsNull("pendingQuantity"));
        Assert.Equal(2, view.Int("version"));
        var history = view.History();
        Assert.Equal(2, history.Count);
        Assert.Contains("de 8 à 12", history[1].Str("description"));
        Assert.Equal(Today, history[1].Date("effectiveOn"));
        Assert.Equal(view.Canonical(), (await secretary.SubscriptionAsync(id, aumatre)).Canonical());

        // Above the committed quantity a tenant may decrease: at the next billing period.
        var decreased = await (await secretary.ChangeQuantityAsync(id, 10, tenantId: aumatre)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(12, decreased.Int("quantity"));
        Assert.Equal(NextFirstOfJanuary, decreased.GetProperty("pendingQuantity").Date("from"));
        Assert.Equal(10, decreased.GetProperty("pendingQuantity").Int("quantity"));
    }

    [Fact]
    public async Task A_tenant_cannot_decrease_below_the_committed_quantity_during_the_commitment()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        await factory.RemoveSubscriptionsAsync(aumatre, "PACK-CYBER"); // one open subscription per tenant and offer
        var id = (await secretary.SubscribeAsync(Request("PACK-CYBER", 6), aumatre)).Str("id")!;
        var before = await factory.StoredSubscriptionAsync(id);

        var response = await secretary.ChangeQuantityAsync(id, 3, reason: "Moins d'agents", tenantId: aumatre);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"jusqu'au {French(CommitmentEndFor(Today))}", problem.Str("detail"));
        Assert.Contains("6 unités", problem.Str("detail"));
        Assert.Equal(before, await factory.StoredSubscriptionAsync(id));
    }

    [Fact]
    public async Task Staff_may_decrease_below_the_commitment_with_a_reason_from_the_next_1_January()
    {
        var staff = await factory.StaffAsync();
        var commune = await factory.TenantIdByCodeAsync("80006");
        var id = (await staff.SubscribeAsync(Request("COFFRE-FORT", 10, tenantId: commune))).Str("id")!;
        var before = await factory.StoredSubscriptionAsync(id);

        var withoutReason = await staff.ChangeQuantityAsync(id, 4);
        var problem = await withoutReason.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Indiquez le motif de la dérogation à l'engagement.", problem.Str("detail"));
        Assert.Equal(before, await factory.StoredSubscriptionAsync(id));

        var view = await (await staff.ChangeQuantityAsync(id, 4, version: 1, reason: "Fusion de services")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(10, view.Int("quantity"));
        Assert.Equal(10, view.Int("committedQuantity"));
        Assert.Equal(NextFirstOfJanuary, view.GetProperty("pendingQuantity").Date("from"));
        Assert.Equal(4, view.GetProperty("pendingQuantity").Int("quantity"));
        Assert.Equal(2, view.Int("version"));
        var change = view.History()[^1];
        Assert.Equal("Fusion de services", change.Str("reason"));
        Assert.Equal(DemoAccounts.StaffEmail, change.Str("by"));
        Assert.Equal(NextFirstOfJanuary, change.Date("effectiveOn"));
    }

    [Fact]
    public async Task A_change_made_on_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        await factory.RemoveSubscriptionsAsync(aumatre, "PACK-CYBER"); // one open subscription per tenant and offer
        var id = (await secretary.SubscribeAsync(Request("PACK-CYBER", 2), aumatre)).Str("id")!;
        (await secretary.ChangeQuantityAsync(id, 3, version: 1, tenantId: aumatre)).EnsureSuccessStatusCode();
        var before = await factory.StoredSubscriptionAsync(id);

        var quantity = await secretary.ChangeQuantityAsync(id, 5, version: 1, tenantId: aumatre);
        var termination = await secretary.TerminateAsync(id, version: 1, tenantId: aumatre);

        Assert.Contains("modifié entre-temps", (await quantity.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"));
        await termination.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await factory.StoredSubscriptionAsync(id));
    }

    // ---------------------------------------------------------------- termination

    [Fact]
    public async Task A_tenant_cannot_terminate_before_the_commitment_end_and_is_told_the_earliest_date()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        await factory.RemoveSubscriptionsAsync(aumatre, "PACK-CYBER"); // one open subscription per tenant and offer
        var id = (await secretary.SubscribeAsync(Request("PACK-CYBER", 1), aumatre)).Str("id")!;
        var before = await factory.StoredSubscriptionAsync(id);

        var response = await secretary.TerminateAsync(id, Today.AddYears(1), reason: "Changement de prestataire", tenantId: aumatre);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(French(CommitmentEndFor(Today)), problem.Str("detail"));
        Assert.Equal(before, await factory.StoredSubscriptionAsync(id));
    }

    [Fact]
    public async Task A_termination_without_a_date_takes_effect_at_the_commitment_end()
    {
        var secretary = await factory.SecretaryAsync();
        var aumatre = await factory.SecretaryCommuneAsync(Aumatre);
        await factory.RemoveSubscriptionsAsync(aumatre, "PACK-CYBER"); // one open subscription per tenant and offer
        var id = (await secretary.SubscribeAsync(Request("PACK-CYBER", 2), aumatre)).Str("id")!;

        var view = await (await secretary.TerminateAsync(id, version: 1, tenantId: aumatre)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(CommitmentEndFor(Today), view.Date("terminationDate"));
        Assert.Equal("TerminationScheduled", view.Str("status"));
        Assert.Equal(2, view.Int("version"));
        Assert.Equal(2, view.Int("quantity"));
        Assert.Contains(French(CommitmentEndFor(Today)), view.History()[^1].Str("description"));

        var again = await secretary.TerminateAsync(id, tenantId: aumatre);
        Assert.Contains("déjà enregistrée", (await again.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Str("detail"));
        var more = await secretary.ChangeQuantityAsync(id, 5, tenantId: aumatre);
        await more.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(view.Canonical(), (await secretary.SubscriptionAsync(id, aumatre)).Canonical());
    }

    [Fact]
    public async Task Staff_may_terminate_early_with_a_written_reason_only()
    {
        var staff = await factory.StaffAsync();
        var commune = await factory.TenantIdByCodeAsync("80010");
        var id = (await staff.SubscribeAsync(Request("PACK-CYBER", 3, tenantId: commune))).Str("id")!;
        var before = await factory.StoredSubscriptionAsync(id);
        var lastDay = Today.AddDays(30);

        var withoutReason = await staff.TerminateAsync(id, lastDay);
        var problem = await withoutReason.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Indiquez le motif de la résiliation anticipée.", problem.Str("detail"));
        Assert.Equal(before, await factory.StoredSubscriptionAsync(id));

        var view = await (await staff.TerminateAsync(id, lastDay, version: 1, reason: "Dissolution de la commune")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(lastDay, view.Date("terminationDate"));
        Assert.Equal("TerminationScheduled", view.Str("status"));
        var change = view.History()[^1];
        Assert.Equal("Dissolution de la commune", change.Str("reason"));
        Assert.Equal(lastDay, change.Date("effectiveOn"));
    }

    // ---------------------------------------------------------------- concurrency

    [Fact]
    public async Task Two_concurrent_changes_on_the_same_version_one_wins_the_other_gets_a_conflict()
    {
        var staff = await factory.StaffAsync();
        var commune = await factory.TenantIdByCodeAsync("80008");
        var id = (await staff.SubscribeAsync(Request("COFFRE-FORT", 5, tenantId: commune))).Str("id")!;
        var first = await factory.StaffAsync();
        var second = await factory.StaffAsync();
        var version = (await first.SubscriptionAsync(id)).Int("version");
        Assert.Equal(version, (await second.SubscriptionAsync(id)).Int("version"));

        var responses = await Task.WhenAll(
            first.ChangeQuantityAsync(id, 6, version),
            second.ChangeQuantityAsync(id, 7, version));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        var codes = responses.Select(r => r.StatusCode).ToList();
        Assert.True(codes.Count(c => c == HttpStatusCode.OK) == 1 && codes.Count(c => c == HttpStatusCode.Conflict) == 1,
            $"expected one 200 and one 409, got {string.Join(", ", codes.Select((c, i) => $"{(int)c} {bodies[i]}"))}");
        var winner = responses[0].StatusCode == HttpStatusCode.OK ? 6 : 7;
        var stored = await staff.SubscriptionAsync(id);
        Assert.Equal(winner, stored.Int("quantity"));
        Assert.Equal(version + 1, stored.Int("version"));
        Assert.Equal(2, stored.History().Count);
    }

    [Fact]
    public async Task Two_successive_changes_on_the_same_version_the_second_gets_a_conflict()
    {
        var staff = await factory.StaffAsync();
        var commune = await factory.TenantIdByCodeAsync("80009");
        var id = (await staff.SubscribeAsync(Request("COFFRE-FORT", 5, tenantId: commune))).Str("id")!;
        var first = await factory.StaffAsync();
        var second = await factory.StaffAsync();
        var version = (await first.SubscriptionAsync(id)).Int("version");
        Assert.Equal(version, (await second.SubscriptionAsync(id)).Int("version"));

        var accepted = await first.ChangeQuantityAsync(id, 6, version);
        await accepted.ReadJsonAsync(HttpStatusCode.OK);
        var afterFirst = await factory.StoredSubscriptionAsync(id);
        var refused = await second.ChangeQuantityAsync(id, 7, version);

        await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(afterFirst, await factory.StoredSubscriptionAsync(id));
        Assert.Equal(6, (await staff.SubscriptionAsync(id)).Int("quantity"));
    }

    // ---------------------------------------------------------------- an EPCI for its communes

    /// <summary>APP-MOBILE has no voted price in the seeds: staff votes one and publishes it (once per application).</summary>
    private async Task PublishAppMobileAsync()
    {
        var staff = await factory.StaffAsync();
        var tariff = await staff.PostJsonAsync("/api/v1/admin/catalogue/offers/APP-MOBILE/tariffs", new
        {
            deliberationBody = "Bureau",
            deliberationDate = FirstOfThisMonth,
            deliberationReference = "Délibération de test — application mobile",
            effectiveFrom = FirstOfThisMonth,
            model = "perUnitPerYear",
            vat = "standard",
            memberPrice = 500m,
            nonMemberPrice = 600m,
        });
        if (tariff.StatusCode != HttpStatusCode.OK)
            Assert.Contains("déjà", (await tariff.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Str("detail"));
        var publish = await staff.PostJsonAsync("/api/v1/admin/catalogue/offers/APP-MOBILE/publish", new { });
        if (publish.StatusCode != HttpStatusCode.OK)
            Assert.Contains("déjà", (await publish.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Str("detail"));
    }

    [Fact]
    public async Task An_EPCI_subscribes_for_its_member_communes_and_they_see_it_in_their_list()
    {
        await PublishAppMobileAsync();
        var staff = await factory.StaffAsync();
        var epci = await factory.TenantIdByCodeAsync(CaBaieDeSomme);

        var quote = await staff.QuoteAsync(Request("APP-MOBILE", 1, tenantId: epci, forMemberCommunes: true));
        var view = await staff.SubscribeAsync(Request("APP-MOBILE", 1, tenantId: epci, forMemberCommunes: true));

        Assert.True(quote.GetProperty("canSubscribe").GetBoolean());
        Assert.Equal(500m, quote.GetProperty("price").GetProperty("annualHt").GetDecimal());
        Assert.True(view.GetProperty("forMemberCommunes").GetBoolean());
        Assert.Equal(epci, view.Str("tenantId"));

        var abbeville = await (await factory.AbbevilleAdminAsync()).ListAsync();
        var provided = Assert.Single(abbeville, s => s.Str("id") == view.Str("id"));
        Assert.Equal("CA de la Baie de Somme", provided.Str("providedBy"));
        Assert.Equal("CA de la Baie de Somme", provided.Str("tenantName"));
        Assert.Equal(epci, provided.Str("tenantId"));
        Assert.Equal("APP-MOBILE", provided.Str("offerCode"));
        Assert.True(provided.GetProperty("forMemberCommunes").GetBoolean());

        var secretary = await factory.SecretaryAsync();
        var vitz = await factory.SecretaryCommuneAsync(VitzSurAuthie);
        Assert.DoesNotContain(view.Str("id"), (await secretary.ListAsync(tenantId: vitz)).Select(s => s.Str("id")));
    }

    [Fact]
    public async Task The_offer_filter_of_a_communes_list_also_applies_to_what_its_EPCI_provides()
    {
        await PublishAppMobileAsync();
        var staff = await factory.StaffAsync();
        var epci = await factory.TenantIdByCodeAsync(CaBaieDeSomme);
        var admin = await factory.AbbevilleAdminAsync();
        var all = await admin.ListAsync();
        if (!all.Any(s => s.Str("offerCode") == "APP-MOBILE" && !s.IsNull("providedBy")))
            await staff.SubscribeAsync(Request("APP-MOBILE", 1, tenantId: epci, forMemberCommunes: true));

        var packs = await admin.ListAsync("offerCode=PACK-CYBER");
        var mobile = await admin.ListAsync("offerCode=APP-MOBILE");

        Assert.Contains(mobile, s => s.Str("providedBy") == "CA de la Baie de Somme");
        Assert.All(packs, s => Assert.Equal("PACK-CYBER", s.Str("offerCode")));
    }

    [Fact]
    public async Task Only_an_EPCI_may_subscribe_for_its_communes_and_only_where_the_item_allows_it()
    {
        await PublishAppMobileAsync();
        var admin = await factory.AbbevilleAdminAsync();
        var staff = await factory.StaffAsync();
        var epci = await factory.TenantIdByCodeAsync(CaBaieDeSomme);
        var before = await factory.AllSubscriptionsAsync();

        var commune = await admin.PostJsonAsync(Root, Request("APP-MOBILE", 1, forMemberCommunes: true));
        var notAllowed = await staff.PostJsonAsync(Root, Request("PACK-CYBER", 1, tenantId: epci, forMemberCommunes: true));

        Assert.Equal("Seul un EPCI peut souscrire pour le compte de ses communes membres.",
            (await commune.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Str("detail"));
        Assert.Equal("Ce service ne peut pas être souscrit par un EPCI pour le compte de ses communes.",
            (await notAllowed.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Str("detail"));
        Assert.Equal(before, await factory.AllSubscriptionsAsync());
    }
}

public sealed class SqliteSubscriptionApiTests(SqliteApp app) : SubscriptionApiTests(app.Factory), IClassFixture<SqliteApp>;

public sealed class PostgreSqlSubscriptionApiTests(PostgreSqlApp app) : SubscriptionApiTests(app.Factory), IClassFixture<PostgreSqlApp>;
