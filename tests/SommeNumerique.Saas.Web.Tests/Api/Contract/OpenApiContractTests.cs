using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SommeNumerique.Saas.Web.Tests.Api.Contract;

/// <summary>
/// The OpenAPI document describes the API: every operation of <c>/openapi/v1.json</c> is called for real (happy
/// path with the demo accounts and seeded data where it can be, else an error path), and every answer must have a
/// status the document declares for that operation and a JSON body that matches the declared schema. An
/// operation of the document that the scenario does not call fails the test too. The document is written to
/// <c>artifacts/openapi/v1.json</c> for the Redocly lint of <c>.ci/run</c>.
/// </summary>
public sealed class OpenApiContractTests(SqliteApp app, ITestOutputHelper output) : IClassFixture<SqliteApp>
{
    private SaasAppFactory Factory => app.Factory;

    private static readonly Guid Unknown = Guid.Parse("0b0b0b0b-0000-4000-8000-000000000000");

    [Fact]
    public async Task Every_operation_answers_as_the_document_says()
    {
        var document = await LoadDocumentAsync();
        var recorder = new ContractRecorder(document);
        var anonymous = Client(recorder);
        var staff = await SignedInAsync(recorder, DemoAccounts.StaffEmail);
        var treasury = await SignedInAsync(recorder, DemoAccounts.TreasuryEmail);
        var abbeville = await SignedInAsync(recorder, DemoAccounts.AbbevilleAdminEmail);
        const string Api = "/api/v1";

        // Identity
        await anonymous.PostAsJsonAsync($"{Api}/auth/login", new { email = "", password = "" });
        await anonymous.PostAsJsonAsync($"{Api}/auth/login", new { email = DemoAccounts.StaffEmail, password = "wrong-password" });
        await anonymous.GetAsync($"{Api}/me");
        await abbeville.GetAsync($"{Api}/me");

        // Tenancy
        var tenants = await Json(await staff.GetAsync($"{Api}/tenants?search=80001"));
        var abbevilleId = tenants.GetProperty("items")[0].GetProperty("id").GetString()!;
        await abbeville.GetAsync($"{Api}/tenants");
        await staff.GetAsync($"{Api}/tenants/{abbevilleId}");
        await staff.GetAsync($"{Api}/tenants/{Unknown}");
        await abbeville.PutAsJsonAsync($"{Api}/tenants/{abbevilleId}/profile", new
        {
            declaredWorkstations = 40, addressLine1 = "Place de l'Hôtel de Ville", postalCode = "80100", city = "Abbeville",
            contactName = "Service financier", contactEmail = "finances@abbeville.test",
        });
        await abbeville.PutAsJsonAsync($"{Api}/tenants/{abbevilleId}/profile", new { declaredWorkstations = "quarante" });

        // Tenants kept by staff
        var ccasSiren = Tenancy.TenantRecordsApiTests.NewSiren();
        var ccasId = (await Json(await staff.PostAsJsonAsync($"{Api}/tenants", new { kind = "ccas", name = "CCAS du contrat", siren = ccasSiren }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        await staff.PostAsJsonAsync($"{Api}/tenants", new { kind = "ccas", name = "Doublon", siren = ccasSiren });
        await staff.PostAsJsonAsync($"{Api}/tenants", new { kind = "ccas", name = "SIRET faux", siren = Tenancy.TenantRecordsApiTests.NewSiren(), siret = "21800001600011" });
        await staff.PostAsJsonAsync($"{Api}/tenants", new { kind = "ccas" });
        await staff.PutAsJsonAsync($"{Api}/tenants/{ccasId}/identity", new { name = "CCAS du contrat (modifié)" });
        await staff.PutAsJsonAsync($"{Api}/tenants/{Unknown}/identity", new { name = "Inconnu" });
        var deliberation = new { body = "Comité syndical", date = "2026-01-15", reference = "Délibération du contrat" };
        await staff.PostAsJsonAsync($"{Api}/tenants/{ccasId}/memberships", new { from = "2026-02-01", deliberation });
        await staff.PostAsJsonAsync($"{Api}/tenants/{ccasId}/memberships", new { from = "2026-03-01", deliberation });
        await staff.PostAsJsonAsync($"{Api}/tenants/{ccasId}/memberships/leave", new { lastDay = "2026-12-31", deliberation });
        await staff.PostAsJsonAsync($"{Api}/tenants/{ccasId}/memberships/leave", new { lastDay = "2027-12-31", deliberation });
        await staff.PutAsJsonAsync($"{Api}/tenants/{ccasId}/populations/2026", new { population = 120, source = "INSEE" });
        await staff.PutAsJsonAsync($"{Api}/tenants/{ccasId}/populations/2026", new { population = -1, source = "INSEE" });
        await staff.PostAsJsonAsync($"{Api}/tenants/populations/import", new { year = 2026, csv = $"siren;population\n{ccasSiren};130\n" });
        await staff.PostAsJsonAsync($"{Api}/tenants/populations/import", new { year = 2026, csv = $"siren;population\n{ccasSiren};cent\n" });
        var metropoleId = (await Json(await staff.GetAsync($"{Api}/tenants?search=248000531"))).GetProperty("items")[0].GetProperty("id").GetString()!;
        var communeId = (await Json(await staff.PostAsJsonAsync($"{Api}/tenants", new { kind = "commune", name = "Commune du contrat", siren = Tenancy.TenantRecordsApiTests.NewSiren(), inseeCode = "80995" }),
            HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await staff.PutAsJsonAsync($"{Api}/tenants/{communeId}/epci", new { epciId = metropoleId, from = "2026-01-01", reason = "Arrêté préfectoral" });
        await staff.PutAsJsonAsync($"{Api}/tenants/{ccasId}/epci", new { epciId = metropoleId, from = "2026-01-01", reason = "Arrêté préfectoral" });
        await staff.GetAsync($"{Api}/tenants/{ccasId}/history");
        await staff.GetAsync($"{Api}/tenants/{Unknown}/history");

        // Catalogue
        await abbeville.GetAsync($"{Api}/catalogue");
        await abbeville.GetAsync($"{Api}/catalogue/COFFRE-FORT/price?quantity=10");
        await abbeville.GetAsync($"{Api}/catalogue/NO-SUCH-OFFER/price");

        // Subscriptions
        await abbeville.PostAsJsonAsync($"{Api}/subscriptions/quote", new { offerCode = "COFFRE-FORT", quantity = 10 });
        var created = await staff.PostAsJsonAsync($"{Api}/subscriptions", new { tenantId = abbevilleId, offerCode = "COFFRE-FORT", quantity = 10, startDate = "2025-01-01" });
        var subscription = await Json(created, HttpStatusCode.Created);
        var subscriptionId = subscription.GetProperty("id").GetString()!;
        var ercourtId = (await Json(await staff.GetAsync($"{Api}/tenants?search=80280"))).GetProperty("items")[0].GetProperty("id").GetString()!;
        await Json(await staff.PostAsJsonAsync($"{Api}/subscriptions", new { tenantId = ercourtId, offerCode = "DEMAT-FLUX-COMPTABLES", quantity = 1, startDate = "2025-01-01" }), HttpStatusCode.Created);
        await abbeville.PostAsJsonAsync($"{Api}/subscriptions", new { offerCode = "COFFRE-FORT", quantity = 0 });
        await abbeville.GetAsync($"{Api}/subscriptions");
        await abbeville.GetAsync($"{Api}/subscriptions/{subscriptionId}");
        await abbeville.GetAsync($"{Api}/subscriptions/{Unknown}");

        // Billing runs (staff), then the invoices they issue
        await abbeville.GetAsync($"{Api}/billing-runs");
        await staff.PostAsync($"{Api}/billing-runs", new StringContent("period=2025", Encoding.UTF8, "text/plain"));
        await staff.PostAsync($"{Api}/billing-runs", new StringContent("{\"period\": 2025", Encoding.UTF8, "application/json"));
        var run = await Json(await staff.PostAsJsonAsync($"{Api}/billing-runs", new { period = "2025", dryRun = true }), HttpStatusCode.Created);
        var runId = run.GetProperty("id").GetString()!;
        await staff.GetAsync($"{Api}/billing-runs");
        await staff.PostAsync($"{Api}/billing-runs/{runId}/issue", null);
        await WaitUntilIssuedAsync(staff, runId);
        await staff.PostAsync($"{Api}/billing-runs/{runId}/abandon", null);
        await staff.PostAsync($"{Api}/billing-runs/{Unknown}/abandon", null);

        var invoices = await Json(await staff.GetAsync($"{Api}/invoices?billingRunId={runId}"));
        var invoiceId = invoices.GetProperty("items").EnumerateArray().First(i => i.GetProperty("tenantId").GetString() == abbevilleId).GetProperty("id").GetString()!;
        // Ercourt's invoice has something to pay (Abbeville's first year of the vault is free): payments and credit notes.
        var dueId = invoices.GetProperty("items").EnumerateArray().First(i => i.GetProperty("amountDue").GetDecimal() > 0).GetProperty("id").GetString()!;
        await abbeville.GetAsync($"{Api}/invoices");
        await abbeville.GetAsync($"{Api}/invoices/{invoiceId}");
        await abbeville.GetAsync($"{Api}/invoices/{invoiceId}/pdf");
        await abbeville.GetAsync($"{Api}/invoices/{invoiceId}/ubl");
        await Send(abbeville, HttpMethod.Get, $"{Api}/invoices/{Unknown}/pdf", accept: "application/pdf");
        await Send(abbeville, HttpMethod.Get, $"{Api}/invoices/{Unknown}/ubl", accept: "application/xml");
        await abbeville.GetAsync($"{Api}/invoices/{invoiceId}/payments");
        await abbeville.PostAsync($"{Api}/invoices/{invoiceId}/checkout", null);
        var version = (await Json(await staff.GetAsync($"{Api}/invoices/{dueId}"))).GetProperty("invoice").GetProperty("version").GetInt32();
        await treasury.PostAsJsonAsync($"{Api}/invoices/{dueId}/payments", new { amount = 1.00m, paidOn = Factory.Clock.Today.ToString("yyyy-MM-dd"), reference = "MANDAT-CONTRAT-1", version });
        await treasury.PostAsJsonAsync($"{Api}/invoices/{dueId}/payments", new { amount = -5m, reference = "" });
        version = (await Json(await staff.GetAsync($"{Api}/invoices/{dueId}"))).GetProperty("invoice").GetProperty("version").GetInt32();
        await staff.PostAsJsonAsync($"{Api}/invoices/{dueId}/credit-notes", new { reason = "Test du contrat", version });
        await staff.PostAsJsonAsync($"{Api}/invoices/{dueId}/credit-notes", new { reason = "", lines = new[] { 999 } });

        // Treasury
        await treasury.GetAsync($"{Api}/billing-runs/{runId}/exports/csv");
        await treasury.GetAsync($"{Api}/billing-runs/{runId}/exports/pes"); // 409 while not numbered
        await treasury.GetAsync($"{Api}/billing-runs/{runId}/exports/pes/numbering");
        await treasury.PostAsync($"{Api}/billing-runs/{runId}/exports/pes/numbering", null);
        await treasury.PostAsync($"{Api}/billing-runs/{Unknown}/exports/pes/numbering", null);
        await treasury.GetAsync($"{Api}/billing-runs/{runId}/exports/pes/numbering");
        await treasury.GetAsync($"{Api}/billing-runs/{runId}/exports/pes");
        await treasury.GetAsync($"{Api}/billing-runs/{Unknown}/exports/pes");
        await treasury.GetAsync($"{Api}/invoices/exports/csv?period=2025");
        await treasury.GetAsync($"{Api}/invoices/overdue");
        await treasury.GetAsync($"{Api}/invoices/overdue?asOf=2030-01-01");
        await treasury.GetAsync($"{Api}/invoices/overdue/csv");
        await treasury.GetAsync($"{Api}/invoices/{invoiceId}/reminder");
        await treasury.GetAsync($"{Api}/online-payments/to-refund");
        await anonymous.PostAsync($"{Api}/webhooks/stripe", new StringContent("{}", Encoding.UTF8, "application/json"));

        // Subscription changes, after billing (the version is the current one)
        subscription = await Json(await abbeville.GetAsync($"{Api}/subscriptions/{subscriptionId}"));
        await abbeville.PostAsJsonAsync($"{Api}/subscriptions/{subscriptionId}/quantity",
            new { quantity = 12, version = subscription.GetProperty("version").GetInt32() });
        await abbeville.PostAsJsonAsync($"{Api}/subscriptions/{subscriptionId}/quantity", new { quantity = 12, version = 999 });
        await abbeville.PostAsJsonAsync($"{Api}/subscriptions/{subscriptionId}/termination", new { lastDay = "9999-12-31" });
        await abbeville.PostAsJsonAsync($"{Api}/subscriptions/{subscriptionId}/termination", new { reason = "Fin du contrat de test" });

        // Catalogue administration (staff)
        var code = $"CT-{Guid.NewGuid():N}"[..23].ToUpperInvariant();
        await abbeville.GetAsync($"{Api}/admin/catalogue");
        await staff.GetAsync($"{Api}/admin/catalogue");
        await staff.PostAsJsonAsync($"{Api}/admin/catalogue", new
        {
            code,
            fields = new { name = "Service du contrat", description = "Créé par le test de contrat", unitLabel = "agent", natureAccount = "706" },
        });
        await staff.PostAsJsonAsync($"{Api}/admin/catalogue", new { code = "", fields = new { name = "" } });
        await staff.GetAsync($"{Api}/admin/catalogue/{code}");
        await staff.GetAsync($"{Api}/admin/catalogue/NO-SUCH-ITEM");
        await staff.PutAsJsonAsync($"{Api}/admin/catalogue/{code}", new { name = "Service du contrat (modifié)", unitLabel = "agent", natureAccount = "706" });
        await staff.PostAsJsonAsync($"{Api}/admin/catalogue/{code}/offers", new { code = code + "-B", name = "Offre B", minQuantity = 1 });
        var effective = Factory.Clock.Today.AddMonths(2);
        var tariffResponse = await staff.PostAsJsonAsync($"{Api}/admin/catalogue/offers/{code}/tariffs", new
        {
            deliberationBody = "Comité syndical", deliberationDate = Factory.Clock.Today.ToString("yyyy-MM-dd"), deliberationReference = "Délibération du contrat",
            effectiveFrom = effective.ToString("yyyy-MM-dd"), model = "perUnitPerYear", vat = "standard", memberPrice = 12m, nonMemberPrice = 15m,
        });
        var tariff = await Json(tariffResponse);
        await staff.PostAsync($"{Api}/admin/catalogue/offers/{code}/publish", null);
        await staff.PostAsync($"{Api}/admin/catalogue/offers/{code}/retire", null);
        await staff.DeleteAsync($"{Api}/admin/catalogue/offers/{code}/tariffs/{tariff.GetProperty("id").GetString()}?reason=Erreur%20de%20saisie");
        await staff.DeleteAsync($"{Api}/admin/catalogue/offers/{code}/tariffs/{Unknown}?reason=Inconnu");

        // Accounts: invitations (the token from the queued e-mail), members, users
        var invitedEmail = $"contrat.{Guid.NewGuid():N}@mairie.test";
        var invitation = await Json(await staff.PostAsJsonAsync($"{Api}/invitations", new { email = invitedEmail, role = "TenantAdmin", tenantIds = new[] { abbevilleId } }), HttpStatusCode.Created);
        var invitationId = invitation.GetProperty("id").GetString()!;
        await abbeville.PostAsJsonAsync($"{Api}/invitations", new { email = "intrus@mairie.test", role = "Staff" });
        await staff.PostAsJsonAsync($"{Api}/invitations", new { email = "pas-une-adresse", role = "TenantUser" });
        await staff.GetAsync($"{Api}/invitations?tenantId={abbevilleId}&status=pending");
        await abbeville.GetAsync($"{Api}/invitations?status=inconnu");
        await staff.PostAsync($"{Api}/invitations/{invitationId}/resend", null);
        await staff.PostAsync($"{Api}/invitations/{Unknown}/resend", null);
        var invitationToken = await InvitationTokenAsync(invitedEmail);
        await anonymous.PostAsJsonAsync($"{Api}/invitations/accept", new { token = "inconnu" });
        await anonymous.PostAsJsonAsync($"{Api}/invitations/accept", new { token = invitationToken, displayName = "Personne du contrat", password = "Contrat-Passe-2026" });
        await anonymous.PostAsJsonAsync($"{Api}/invitations/accept", new { token = invitationToken, displayName = "Personne du contrat", password = "Contrat-Passe-2026" });
        var revocable = await Json(await staff.PostAsJsonAsync($"{Api}/invitations", new { email = $"tresor.{Guid.NewGuid():N}@mairie.test", role = "Treasury" }), HttpStatusCode.Created);
        await staff.DeleteAsync($"{Api}/invitations/{revocable.GetProperty("id").GetString()}");
        await staff.DeleteAsync($"{Api}/invitations/{revocable.GetProperty("id").GetString()}");
        var members = await Json(await abbeville.GetAsync($"{Api}/tenants/{abbevilleId}/members"));
        var memberId = members.EnumerateArray().First(m => m.GetProperty("email").GetString() == invitedEmail).GetProperty("userId").GetString();
        await abbeville.PutAsJsonAsync($"{Api}/tenants/{abbevilleId}/members/{memberId}", new { role = "TenantUser" });
        await abbeville.PutAsJsonAsync($"{Api}/tenants/{abbevilleId}/members/{memberId}", new { role = "Maire" });
        await staff.GetAsync($"{Api}/users?search=contrat");
        await abbeville.GetAsync($"{Api}/users");
        await staff.GetAsync($"{Api}/users/{memberId}");
        await staff.GetAsync($"{Api}/users/{Unknown}");
        await staff.PostAsync($"{Api}/users/{memberId}/deactivate", null);
        await staff.PostAsync($"{Api}/users/{memberId}/reactivate", null);
        await staff.PostAsync($"{Api}/users/{Unknown}/reactivate", null);
        await abbeville.DeleteAsync($"{Api}/tenants/{abbevilleId}/members/{memberId}");
        await abbeville.DeleteAsync($"{Api}/tenants/{abbevilleId}/members/{memberId}");
        // E-mail outbox (staff): a message sent (Development pickup folder), retried: refused as already sent
        var emailId = await SentEmailAsync();
        await abbeville.GetAsync($"{Api}/admin/emails");
        await staff.GetAsync($"{Api}/admin/emails?status=sent&page=1&pageSize=20");
        await staff.GetAsync($"{Api}/admin/emails?status=lost");
        await staff.PostAsync($"{Api}/admin/emails/{emailId}/retry", null);
        await staff.PostAsync($"{Api}/admin/emails/{Unknown}/retry", null);
        // Passwords and the two-step sign-in (last: enabling 2FA and changing a password end the secretary's sessions)
        await anonymous.PostAsJsonAsync($"{Api}/auth/forgot-password", new { email = "personne@nulle-part.test" });
        await anonymous.PostAsJsonAsync($"{Api}/auth/forgot-password", new { email = "" });
        await anonymous.PostAsJsonAsync($"{Api}/auth/reset-password", new { userId = Unknown, code = "AAAA", password = "Nouveau-Passw0rd" });
        await anonymous.PostAsJsonAsync($"{Api}/auth/reset-password", new { code = "" });
        var secretary = await SignedInAsync(recorder, DemoAccounts.SecretaryEmail);
        await secretary.GetAsync($"{Api}/me/two-factor");
        await anonymous.GetAsync($"{Api}/me/two-factor");
        await secretary.PostAsync($"{Api}/me/two-factor/recovery-codes", null); // 409: not enabled
        var setup = await Json(await secretary.PostAsync($"{Api}/me/two-factor/authenticator", null));
        var key = setup.GetProperty("sharedKey").GetString()!.Replace(" ", "").ToUpperInvariant();
        await secretary.PostAsJsonAsync($"{Api}/me/two-factor/enable", new { code = "000000" == SommeNumerique.Saas.TestSupport.DemoAuthenticator.Code(key) ? "111111" : "000000" });
        await Json(await secretary.PostAsJsonAsync($"{Api}/me/two-factor/enable", new { code = SommeNumerique.Saas.TestSupport.DemoAuthenticator.Code(key) }));
        secretary = Client(recorder);
        var again = await Json(await secretary.PostAsJsonAsync("/api/v1/auth/login",
            new { email = DemoAccounts.SecretaryEmail, password = SaasAppFactory.DemoPassword, twoFactorCode = SommeNumerique.Saas.TestSupport.DemoAuthenticator.Code(key) }));
        secretary.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", again.GetProperty("accessToken").GetString());
        await secretary.PostAsync($"{Api}/me/two-factor/recovery-codes", null);
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.PostAsync($"{Api}/me/two-factor/authenticator", null)).StatusCode); // enrolled: its key is never shown again
        await staff.PostAsync($"{Api}/me/two-factor/disable", null); // 403: required for staff
        await secretary.PostAsync($"{Api}/me/two-factor/disable", null);
        secretary = await SignedInAsync(recorder, DemoAccounts.SecretaryEmail);
        await secretary.PostAsJsonAsync($"{Api}/me/password", new { currentPassword = "pas-le-bon", newPassword = "Nouveau-Passw0rd-1" });
        await secretary.PostAsJsonAsync($"{Api}/me/password", new { currentPassword = SaasAppFactory.DemoPassword, newPassword = "Nouveau-Passw0rd-1" });

        foreach (var operation in recorder.Operations)
            output.WriteLine($"{operation}: {string.Join(", ", (recorder.Exercised.GetValueOrDefault(operation) ?? []).Distinct().Order())}");
        var missing = recorder.Operations.Where(o => !recorder.Exercised.ContainsKey(o)).ToList();
        Assert.True(recorder.Violations.IsEmpty && missing.Count == 0,
            "Answers that contradict the document:\n" + string.Join("\n", recorder.Violations.Order())
            + "\nOperations of the document never exercised:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task The_document_names_schemas_uniquely_and_declares_the_bearer_scheme()
    {
        var document = await LoadDocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("StartBillingRunRequest", out _));
        Assert.True(schemas.TryGetProperty("CreateCreditNoteRequest", out _));
        Assert.True(schemas.TryGetProperty("RecordMandatPaymentRequest", out _));
        Assert.False(schemas.TryGetProperty("Request", out _));
        Assert.Equal("http", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("type").GetString());
        var getMe = document.GetProperty("paths").GetProperty("/api/v1/me").GetProperty("get");
        Assert.True(getMe.GetProperty("security")[0].TryGetProperty("bearer", out _));
        Assert.Contains(getMe.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "X-Tenant-Id" && p.GetProperty("in").GetString() == "header");
        // No number field is typed "integer or string" any more.
        Assert.DoesNotContain("\"string\"", string.Join(",", FindTypes(document).Where(t => t.Contains("\"integer\"") || t.Contains("\"number\""))));
    }

    private static IEnumerable<string> FindTypes(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in node.EnumerateObject())
            {
                if (property.Name == "type" && property.Value.ValueKind == JsonValueKind.Array) yield return property.Value.GetRawText();
                foreach (var inner in FindTypes(property.Value)) yield return inner;
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
                foreach (var inner in FindTypes(item)) yield return inner;
        }
    }

    private async Task<JsonElement> LoadDocumentAsync()
    {
        var text = await Factory.CreateClient().GetStringAsync("/openapi/v1.json");
        var target = Path.Combine(RepositoryRoot(), "artifacts", "openapi", "v1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SommeNumerique.Saas.sln"))) return dir.FullName;
        throw new InvalidOperationException("SommeNumerique.Saas.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The token of the last invitation e-mail queued for <paramref name="email"/> (the outbox table).</summary>
    private async Task<string> InvitationTokenAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SommeNumerique.Saas.Infrastructure.Persistence.SaasDbContext>();
        var body = (await db.OutboxEmails.AsNoTracking().Where(e => e.To == email).ToListAsync()).OrderByDescending(e => e.QueuedAt).First().TextBody;
        return Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(body, @"token=([A-Za-z0-9_%\-]+)").Groups[1].Value);
    }

    /// <summary>Queues an e-mail and waits until the dispatcher has sent it.</summary>
    private async Task<Guid> SentEmailAsync()
    {
        var id = await Email.EmailDeliveryTests.QueueAsync(Factory, SommeNumerique.Saas.Application.Email.EmailTemplates.PasswordReset(
            "contrat@somme.test", "http://localhost/Account/ResetPassword?user=1&code=x", DateTimeOffset.UtcNow.AddDays(1)));
        await Email.EmailDeliveryTests.WaitForRowAsync(Factory, id, e => e.SentAt is not null);
        return id;
    }

    private HttpClient Client(ContractRecorder recorder) => Factory.CreateDefaultClient(new Uri("http://localhost"), recorder.Handler());

    private async Task<HttpClient> SignedInAsync(ContractRecorder recorder, string email)
    {
        var client = Client(recorder);
        var token = await Json(await client.PostAsJsonAsync("/api/v1/auth/login", ApiClient.LoginBody(email)));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string accept)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task WaitUntilIssuedAsync(HttpClient staff, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await Json(await staff.GetAsync($"/api/v1/billing-runs/{runId}?pageSize=10"));
            if (run.GetProperty("status").GetString() == "Issued") return;
            Assert.True(DateTime.UtcNow < deadline, $"run {runId} still {run.GetProperty("status")}");
            await Task.Delay(100);
        }
    }
}
