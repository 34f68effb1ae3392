using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Treasury;

/// <summary>
/// The treasury's side of issued invoices through the API: CSV exports opened as a French spreadsheet would,
/// mandat payments, the overdue list and its reminder letters. Each test bills a period of its own (the tariffs
/// are in force from October 2024) and looks only at tenants no other test of the class subscribes.
/// </summary>
public abstract class TreasuryApiTests(SaasAppFactory factory)
{
    private const string Ablaincourt = "80002"; // member EPCI: pack cyber at 30 € + 75 € per block of 7
    private const string Abbeville = "80001";   // vault first year: nets 0
    private const string Ercourt = "80280";     // dematerialisation raised to the 50 € floor
    private const string VitzSurAuthie = "80810"; // non-member prices
    private const string AizecourtLeBas = "80014"; // the overdue list's
    private const string Acheux = "80005";      // member EPCI
    private const string Amiens = "80021";      // dematerialisation lowered to the cap
    private const string Aumatre = "80040";     // member EPCI

    /// <summary>Subscribes, bills and issues the period; returns the issued run.</summary>
    private async Task<JsonElement> IssuedRunAsync(HttpClient staff, int year, params (string Offer, int Quantity, string Insee)[] subscriptions)
    {
        foreach (var (offer, quantity, insee) in subscriptions)
            await staff.SubscribeAsync(Request(offer, quantity, new DateOnly(year, 1, 1), await factory.TenantIdByCodeAsync(insee)));
        var preview = await staff.StartRunAsync($"{year}");
        return await staff.IssueAsync(preview.Str("id")!);
    }

    private static async Task<JsonElement> InvoiceAsync(HttpClient client, string id) =>
        (await client.GetJsonAsync($"/api/v1/invoices/{id}")).GetProperty("invoice");

    /// <summary>A mandat payment with the invoice's current version, read first as a client would (0 when the caller cannot read it).</summary>
    private static async Task<HttpResponseMessage> PayAsync(HttpClient client, string invoiceId, decimal? amount, DateOnly? paidOn, string? reference, string? tenantId = null)
    {
        var read = await client.GetAsync($"/api/v1/invoices/{invoiceId}");
        var version = read.IsSuccessStatusCode
            ? JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("invoice").Int("version")
            : 0;
        return await PayAsync(client, invoiceId, new { amount, paidOn = paidOn is { } d ? Iso(d) : null, reference, version }, tenantId);
    }

    private static Task<HttpResponseMessage> PayAsync(HttpClient client, string invoiceId, object body, string? tenantId = null) =>
        client.PostJsonAsync($"/api/v1/invoices/{invoiceId}/payments", body, tenantId);

    [Fact]
    public async Task A_mandat_payment_sent_twice_is_recorded_once_and_a_reference_is_taken_once_per_invoice()
    {
        var staff = await factory.StaffAsync();
        var treasury = await factory.TreasuryAsync();
        await IssuedRunAsync(staff, 2028, ("PACK-CYBER", 8, "80006"));
        var invoice = (await staff.InvoicesAsync(await factory.TenantIdByCodeAsync("80006"), "2028")).Single();
        var id = invoice.Str("id")!;
        var ttc = invoice.Dec("totalTtc");
        var body = new { amount = 100m, paidOn = Iso(invoice.Date("issueDate")), reference = "Mandat n° 2028-0042", version = invoice.Int("version") };

        // The version is required: without it a repeated request could not be told from a new payment.
        var noVersion = await PayAsync(treasury, id, new { body.amount, body.paidOn, body.reference });
        Assert.NotEmpty((await noVersion.ProblemAsync(HttpStatusCode.BadRequest)).Errors("version"));
        Assert.Equal(ttc, (await InvoiceAsync(treasury, id)).Dec("amountDue"));

        await (await PayAsync(treasury, id, body)).ReadJsonAsync(HttpStatusCode.Created);
        // The same request sent again (a retry, a double click): refused, nothing recorded twice.
        Assert.Equal(HttpStatusCode.Conflict, (await PayAsync(treasury, id, body)).StatusCode);
        // The same mandat with the invoice's new version: refused by its reference.
        var again = await PayAsync(treasury, id, 100m, invoice.Date("issueDate"), " mandat n° 2028-0042 ");
        Assert.Contains("déjà enregistré", (await again.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors("reference")[0]);

        var payments = (await treasury.GetJsonAsync($"/api/v1/invoices/{id}/payments")).EnumerateArray().ToList();
        Assert.Equal([100m], payments.Select(p => p.Dec("amount")));
        Assert.Equal(ttc - 100m, (await InvoiceAsync(treasury, id)).Dec("amountDue"));
    }

    [Fact]
    public async Task The_database_refuses_a_second_payment_with_the_same_reference_on_an_invoice()
    {
        var staff = await factory.StaffAsync();
        var treasury = await factory.TreasuryAsync();
        await IssuedRunAsync(staff, 2028, ("PACK-CYBER", 8, "80010"));
        var invoice = (await staff.InvoicesAsync(await factory.TenantIdByCodeAsync("80010"), "2028")).Single();
        await (await PayAsync(treasury, invoice.Str("id")!, 10m, invoice.Date("issueDate"), "Mandat 2028-1")).ReadJsonAsync(HttpStatusCode.Created);

        // A concurrent request that passed the rule before the first was saved: the unique index stops it.
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<SommeNumerique.Saas.Infrastructure.TenantIsolation.TenantContext>().UseHost();
        var db = scope.ServiceProvider.GetRequiredService<SommeNumerique.Saas.Application.Common.ISaasDbContext>();
        var tracked = await db.Invoices.SingleAsync(i => i.Id == Guid.Parse(invoice.Str("id")!));
        db.Payments.Add(tracked.RecordPayment(SommeNumerique.Saas.Domain.Payments.PaymentMethod.Mandat, 10m, invoice.Date("issueDate"),
            "Mandat 2028-1", "test", factory.Clock.GetUtcNow(), recorded: []));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_csv_of_a_run_opens_in_a_french_spreadsheet_with_the_totals_of_the_run()
    {
        var staff = await factory.StaffAsync();
        var treasury = await factory.TreasuryAsync();
        var run = await IssuedRunAsync(staff, 2025, ("PACK-CYBER", 8, Ablaincourt), ("COFFRE-FORT", 10, Abbeville),
            ("DEMAT-FLUX-COMPTABLES", 1, Ercourt), ("PACK-CYBER", 8, VitzSurAuthie));

        var response = await treasury.GetAsync($"/api/v1/billing-runs/{run.Str("id")}/exports/csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = FrenchCsv.Parse(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(run.Dec("issuedTotalHt"), csv.Sum("Montant HT"));
        Assert.Equal(run.Dec("issuedTotalTtc"), csv.Sum("Montant TTC"));
        Assert.Equal(csv.Sum("Montant TTC") - csv.Sum("Montant HT"), csv.Sum("TVA"));
        Assert.Equal(run.Int("invoicesIssued"), csv.Rows.Select(r => csv.Text(r, "N° de pièce")).Distinct().Count());
        // Each invoice's rows add up to that invoice as the API shows it, VAT included, to the cent.
        foreach (var number in csv.Rows.GroupBy(r => csv.Text(r, "N° de pièce")))
        {
            var summary = (await treasury.GetJsonAsync($"/api/v1/invoices?search={number.Key}")).GetProperty("items")[0];
            Assert.Equal(summary.Dec("totalTtc"), number.Sum(r => csv.Amount(r, "Montant TTC")));
            Assert.Equal(summary.Dec("totalHt"), number.Sum(r => csv.Amount(r, "Montant HT")));
        }
        var pack = csv.Rows.First(r => csv.Text(r, "Article") == "PACK-CYBER" && csv.Text(r, "Quantité") != "");
        Assert.True(csv.Date(pack, "Échéance") > csv.Date(pack, "Date d'émission"));
        Assert.Matches("^[0-9]+,[0-9]{2}$", csv.Text(pack, "Montant HT"));
        Assert.False(string.IsNullOrWhiteSpace(csv.Text(pack, "Imputation")));
        Assert.Contains(csv.Rows, r => csv.Text(r, "Article") == "COFFRE-FORT" && csv.Amount(r, "Montant HT") < 0); // the gratuity
        Assert.Contains(csv.Rows, r => csv.Text(r, "Collectivité").Contains('é') || csv.Text(r, "Libellé").Contains('é')); // accents survive

        // The invoice list, with a credit note on one invoice: the avoir's rows are negative and net the total.
        var ablaincourt = (await staff.InvoicesAsync(await factory.TenantIdByCodeAsync(Ablaincourt), "2025")).Single();
        var note = await (await staff.PostJsonAsync($"/api/v1/invoices/{ablaincourt.Str("id")}/credit-notes",
            new { reason = "Erreur de quantité", lines = new[] { 1 } })).ReadJsonAsync(HttpStatusCode.Created);
        var list = FrenchCsv.Parse(await treasury.GetByteArrayAsync("/api/v1/invoices/exports/csv?period=2025"));
        Assert.Equal(run.Dec("issuedTotalTtc") - note.Dec("totalTtc"), list.Sum("Montant TTC"));
        Assert.All(list.Rows.Where(r => list.Text(r, "Pièce") == "Avoir"), r => Assert.True(list.Amount(r, "Montant HT") < 0));
    }

    [Fact]
    public async Task Exports_are_for_the_treasury_and_staff_only_and_a_run_not_issued_has_none()
    {
        var staff = await factory.StaffAsync();
        var secretary = await factory.SecretaryAsync();
        await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, new DateOnly(2026, 1, 1), await factory.TenantIdByCodeAsync(Amiens)));
        var preview = await staff.StartRunAsync("2026");

        var notIssued = await staff.GetAsync($"/api/v1/billing-runs/{preview.Str("id")}/exports/csv");
        Assert.Contains("simulation", (await notIssued.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/billing-runs/{Guid.NewGuid()}/exports/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync($"/api/v1/billing-runs/{preview.Str("id")}/exports/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/v1/invoices/exports/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/v1/invoices/overdue")).StatusCode);
        var badFilter = await staff.GetAsync("/api/v1/invoices/exports/csv?period=20xx");
        Assert.NotEmpty((await badFilter.ProblemAsync(HttpStatusCode.BadRequest)).Errors("period"));
        await staff.PostJsonAsync($"/api/v1/billing-runs/{preview.Str("id")}/abandon", new { });
    }

    [Fact]
    public async Task Mandat_payments_follow_the_invoice_until_it_is_paid_and_a_bad_payment_changes_nothing()
    {
        var staff = await factory.StaffAsync();
        var treasury = await factory.TreasuryAsync();
        await IssuedRunAsync(staff, 2027, ("PACK-CYBER", 8, Aumatre));
        var invoice = (await staff.InvoicesAsync(await factory.TenantIdByCodeAsync(Aumatre), "2027")).Single();
        var id = invoice.Str("id")!;
        var ttc = invoice.Dec("totalTtc");
        Assert.Equal((240m + 150m) * 1.2m, ttc);
        var issued = invoice.Date("issueDate");

        var first = await (await PayAsync(treasury, id, 100m, issued, "Mandat n° 2027-0042")).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(100m, first.Dec("amount"));
        Assert.Equal("Mandat", first.Str("method"));
        var partly = await InvoiceAsync(treasury, id);
        Assert.Equal("PartiallyPaid", partly.Str("status"));
        Assert.Equal(ttc - 100m, partly.Dec("amountDue"));

        // Refused, each with its reason, and nothing recorded.
        Assert.NotEmpty((await (await PayAsync(treasury, id, 0m, issued, "M")).ProblemAsync(HttpStatusCode.BadRequest)).Errors("amount"));
        Assert.NotEmpty((await (await PayAsync(treasury, id, 10.001m, issued, "M")).ProblemAsync(HttpStatusCode.BadRequest)).Errors("amount"));
        Assert.NotEmpty((await (await PayAsync(treasury, id, 10m, null, "M")).ProblemAsync(HttpStatusCode.BadRequest)).Errors("paidOn"));
        Assert.NotEmpty((await (await PayAsync(treasury, id, 10m, factory.Clock.Today.AddDays(2), "M")).ProblemAsync(HttpStatusCode.BadRequest)).Errors("paidOn"));
        Assert.NotEmpty((await (await PayAsync(treasury, id, 10m, issued, " ")).ProblemAsync(HttpStatusCode.BadRequest)).Errors("reference"));
        var tooMuch = await (await PayAsync(treasury, id, ttc, issued, "M")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("dépasse le reste à payer", tooMuch.Str("detail"));
        Assert.Contains("précède", (await (await PayAsync(treasury, id, 1m, issued.AddDays(-1), "M")).ProblemAsync(HttpStatusCode.UnprocessableEntity)).Str("detail"));
        var secretary = await factory.SecretaryAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await PayAsync(secretary, id, 1m, issued, "M")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PayAsync(treasury, Guid.NewGuid().ToString(), 1m, issued, "M")).StatusCode);
        Assert.Equal(ttc - 100m, (await InvoiceAsync(treasury, id)).Dec("amountDue"));

        await (await PayAsync(treasury, id, ttc - 100m, issued, "Mandat n° 2027-0050")).ReadJsonAsync(HttpStatusCode.Created);
        var paid = await InvoiceAsync(treasury, id);
        Assert.Equal("Paid", paid.Str("status"));
        Assert.Equal(0m, paid.Dec("amountDue"));
        var payments = (await treasury.GetJsonAsync($"/api/v1/invoices/{id}/payments")).EnumerateArray().ToList();
        Assert.Equal([100m, ttc - 100m], payments.Select(p => p.Dec("amount")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PayAsync(treasury, id, 1m, issued, "M")).StatusCode);
    }

    [Fact]
    public async Task The_overdue_list_shows_what_is_left_to_pay_after_the_due_date_with_its_csv_and_reminder_letter()
    {
        var staff = await factory.StaffAsync();
        var treasury = await factory.TreasuryAsync();
        // A commune of its own: Vitz-sur-Authie already has PACK-CYBER open (a tenant has one open subscription per offer).
        await IssuedRunAsync(staff, 2028, ("PACK-CYBER", 8, AizecourtLeBas), ("COFFRE-FORT", 10, Acheux));
        var invoice = (await staff.InvoicesAsync(await factory.TenantIdByCodeAsync(AizecourtLeBas), "2028")).Single();
        var id = invoice.Str("id")!;
        var zero = (await staff.InvoicesAsync(await factory.TenantIdByCodeAsync(Acheux), "2028")).Single();
        Assert.Equal(0m, zero.Dec("totalTtc"));

        var reminderTooEarly = await treasury.GetAsync($"/api/v1/invoices/{id}/reminder");
        Assert.Contains("pas échue", (await reminderTooEarly.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"));

        // Time passes: ten days after the due date.
        var due = invoice.Date("dueDate");
        factory.Clock.Advance(TimeSpan.FromDays(due.DayNumber - factory.Clock.Today.DayNumber + 10));
        treasury = await factory.TreasuryAsync(); // the earlier sign-in has expired meanwhile
        await (await PayAsync(treasury, id, 100m, invoice.Date("issueDate"), "Mandat 2028-7")).ReadJsonAsync(HttpStatusCode.Created);

        var overdue = await treasury.GetJsonAsync("/api/v1/invoices/overdue?pageSize=200");
        var row = overdue.GetProperty("items").EnumerateArray().Single(i => i.Str("id") == id);
        Assert.Equal(10, row.Int("daysLate"));
        Assert.Equal(invoice.Dec("totalTtc") - 100m, row.Dec("amountDue"));
        Assert.Equal("PartiallyPaid", row.Str("status"));
        Assert.DoesNotContain(overdue.GetProperty("items").EnumerateArray(), i => i.Str("id") == zero.Str("id")); // nothing to pay
        Assert.Equal(overdue.GetProperty("items").EnumerateArray().Sum(i => i.Dec("amountDue")), overdue.Dec("totalDue"));

        var csv = FrenchCsv.Parse(await treasury.GetByteArrayAsync("/api/v1/invoices/overdue/csv"));
        var line = csv.Rows.Single(r => csv.Text(r, "N° de facture") == invoice.Str("number"));
        Assert.Equal(invoice.Dec("totalTtc") - 100m, csv.Amount(line, "Reste à payer"));
        Assert.Equal(due, csv.Date(line, "Échéance"));
        Assert.Equal("10", csv.Text(line, "Jours de retard"));

        var reminder = await treasury.GetAsync($"/api/v1/invoices/{id}/reminder");
        Assert.Equal(HttpStatusCode.OK, reminder.StatusCode);
        Assert.Equal("application/pdf", reminder.Content.Headers.ContentType?.MediaType);
        var pdf = await reminder.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var text = PdfText.Extract(pdf);
        Assert.Contains(invoice.Str("number")!, text);
        Assert.Contains("Reste à payer", text);
        Assert.Contains("Aizecourt-le-Bas", text);

        // Paid in full: off the list, and no reminder any more.
        await (await PayAsync(treasury, id, invoice.Dec("totalTtc") - 100m, invoice.Date("issueDate"), "Mandat 2028-9")).ReadJsonAsync(HttpStatusCode.Created);
        Assert.DoesNotContain((await treasury.GetJsonAsync("/api/v1/invoices/overdue?pageSize=200")).GetProperty("items").EnumerateArray(),
            i => i.Str("id") == id);
        Assert.Equal(HttpStatusCode.Conflict, (await treasury.GetAsync($"/api/v1/invoices/{id}/reminder")).StatusCode);
    }
}

public sealed class SqliteTreasuryApiTests(SqliteApp app) : TreasuryApiTests(app.Factory), IClassFixture<SqliteApp>;

public sealed class PostgreSqlTreasuryApiTests(PostgreSqlApp app) : TreasuryApiTests(app.Factory), IClassFixture<PostgreSqlApp>;
