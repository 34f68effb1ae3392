using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SommeNumerique.Saas.Domain.Payments;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.Payments.Stripe;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.Payments.StripeAppFixture;
using static SommeNumerique.Saas.Web.Tests.Api.Payments.StripeTestApi;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Payments;

/// <summary>
/// Paying an invoice online with Stripe Checkout, against an in-process fake Stripe and signed webhooks
/// delivered twice and out of order. Each test bills a year of its own (2017 onwards).
/// </summary>
public abstract partial class OnlinePaymentApiTests(StripeAppFixture app)
{
    private SaasAppFactory Factory => app.Factory;

    [Fact]
    public async Task A_card_payment_is_recorded_once_whatever_the_number_of_confirming_events()
    {
        var invoice = await Factory.IssuedInvoiceAsync(Abbeville, 2017);
        var admin = await Factory.AbbevilleAdminAsync();
        var due = invoice.Dec("amountDue");
        Assert.True(due > 0);

        var checkout = await app.Stripe.StartCheckoutAsync(admin, invoice);

        var sent = app.Stripe.SessionCreationFor(checkout.InvoiceId);
        Assert.Equal("payment", sent["mode"]);
        Assert.Equal("eur", sent["currency"]);
        Assert.Equal("eur", sent["line_items[0][price_data][currency]"]);
        Assert.Equal(Cents(due).ToString(), sent["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("1", sent["line_items[0][quantity]"]);
        Assert.Contains(invoice.Str("number")!, sent["line_items[0][price_data][product_data][name]"]);
        Assert.Equal("card", sent["allowed_payment_method_types[0]"]);
        Assert.Equal("sepa_debit", sent["allowed_payment_method_types[1]"]);
        Assert.Equal(checkout.InvoiceId, sent["client_reference_id"]);
        foreach (var prefix in new[] { "metadata", "payment_intent_data[metadata]" })
        {
            Assert.Equal(checkout.InvoiceId, sent[$"{prefix}[invoice_id]"]);
            Assert.Equal(checkout.OnlinePaymentId, sent[$"{prefix}[online_payment_id]"]);
            Assert.Equal(checkout.TenantId, sent[$"{prefix}[tenant_id]"]);
        }
        Assert.StartsWith("http://localhost/Invoices/Details?id=" + checkout.InvoiceId, sent["success_url"]);
        Assert.Equal($"checkout-{Guid.Parse(checkout.OnlinePaymentId):N}", sent.Headers["Idempotency-Key"]);
        Assert.Equal("Bearer sk_test_fake", sent.Headers["Authorization"]);
        Assert.Equal("Open", (await Factory.StoredAsync(checkout.OnlinePaymentId)).Online.Status.ToString());

        var completed = Event("checkout.session.completed", checkout.Session("paid"));
        await Factory.DeliverOkAsync(completed);
        await Factory.DeliverOkAsync(completed); // redelivered
        await Factory.DeliverOkAsync(Event("payment_intent.succeeded", checkout.PaymentIntent("succeeded", "card")));

        var paid = await admin.GetJsonAsync($"/api/v1/invoices/{checkout.InvoiceId}");
        Assert.Equal("Paid", paid.GetProperty("invoice").Str("status"));
        Assert.Equal(0m, paid.GetProperty("invoice").Dec("amountDue"));
        var (online, payments, _) = await Factory.StoredAsync(checkout.OnlinePaymentId);
        var payment = Assert.Single(payments);
        Assert.Equal(due, payment.Amount);
        Assert.Equal(PaymentMethod.Card, payment.Method);
        Assert.Equal(checkout.PaymentIntentId, payment.Reference);
        Assert.Equal(online.Id, payment.OnlinePaymentId);
        Assert.Equal(OnlinePaymentStatus.Succeeded, online.Status);
        Assert.Equal(payment.Id, online.PaymentId);

        // Paid: a new checkout is refused.
        var again = await (await admin.CheckoutAsync(checkout.InvoiceId)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("déjà payée", again.Str("detail"));
    }

    [Fact]
    public async Task Money_received_for_an_invoice_paid_meanwhile_by_mandat_is_listed_for_the_treasury_to_refund()
    {
        var invoice = await Factory.IssuedInvoiceAsync(Ercourt, 2025);
        var secretary = await Factory.SecretaryAsync();
        var treasury = await Factory.TreasuryAsync();
        var checkout = await app.Stripe.StartCheckoutAsync(secretary, invoice, invoice.Str("tenantId"));

        // The mandat arrives first and pays the invoice; then Stripe confirms the card payment.
        await (await treasury.PostJsonAsync($"/api/v1/invoices/{checkout.InvoiceId}/payments",
            new { amount = invoice.Dec("amountDue"), paidOn = invoice.Str("issueDate"), reference = "Mandat 2025-9",
                version = (await treasury.GetJsonAsync($"/api/v1/invoices/{checkout.InvoiceId}")).GetProperty("invoice").Int("version") }))
            .ReadJsonAsync(HttpStatusCode.Created);
        await Factory.DeliverOkAsync(Event("checkout.session.completed", checkout.Session("paid")));

        var (online, payments, _) = await Factory.StoredAsync(checkout.OnlinePaymentId);
        Assert.Equal(OnlinePaymentStatus.Succeeded, online.Status);
        Assert.Null(online.PaymentId);
        Assert.Equal(PaymentMethod.Mandat, Assert.Single(payments).Method); // nothing recorded from Stripe: the invoice keeps its mandat
        Assert.Equal("Paid", (await treasury.GetJsonAsync($"/api/v1/invoices/{checkout.InvoiceId}")).GetProperty("invoice").Str("status"));
        var toRefund = (await treasury.GetJsonAsync("/api/v1/online-payments/to-refund")).EnumerateArray().ToList();
        var row = Assert.Single(toRefund, r => r.Str("id") == checkout.OnlinePaymentId);
        Assert.Equal(invoice.Dec("amountDue"), row.Dec("amount"));
        Assert.Equal(invoice.Str("number"), row.Str("invoiceNumber"));
        Assert.Contains("rembourser", row.Str("reason"));
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/v1/online-payments/to-refund")).StatusCode);
    }

    [Fact]
    public async Task A_sepa_debit_confirmed_before_the_checkout_completes_is_paid_once()
    {
        var invoice = await Factory.IssuedInvoiceAsync(Ercourt, 2018);
        var secretary = await Factory.SecretaryAsync();
        var tenant = invoice.Str("tenantId");
        var checkout = await app.Stripe.StartCheckoutAsync(secretary, invoice, tenant);

        var succeeded = Event("checkout.session.async_payment_succeeded", checkout.Session("paid"));
        var completed = Event("checkout.session.completed", checkout.Session("unpaid"));
        foreach (var payload in new[] { succeeded, succeeded, completed, completed })
            await Factory.DeliverOkAsync(payload);

        var view = (await secretary.GetJsonAsync($"/api/v1/invoices/{checkout.InvoiceId}", tenant)).GetProperty("invoice");
        Assert.Equal("Paid", view.Str("status"));
        var (online, payments, _) = await Factory.StoredAsync(checkout.OnlinePaymentId);
        var payment = Assert.Single(payments);
        Assert.Equal(PaymentMethod.SepaDebit, payment.Method);
        Assert.Equal(invoice.Dec("amountDue"), payment.Amount);
        Assert.Equal(OnlinePaymentStatus.Succeeded, online.Status);
    }

    [Fact]
    public async Task A_pending_sepa_debit_blocks_a_second_payment_and_a_failed_one_leaves_the_invoice_due()
    {
        var invoice = await Factory.IssuedInvoiceAsync(Aumatre, 2019); // the secretary's first commune: the portal's default
        var secretary = await Factory.SecretaryAsync();
        var tenant = invoice.Str("tenantId");
        var checkout = await app.Stripe.StartCheckoutAsync(secretary, invoice, tenant);

        await Factory.DeliverOkAsync(Event("checkout.session.completed", checkout.Session("unpaid")));
        Assert.Equal(OnlinePaymentStatus.Processing, (await Factory.StoredAsync(checkout.OnlinePaymentId)).Online.Status);
        var pending = await (await secretary.CheckoutAsync(checkout.InvoiceId, tenant)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("prélèvement SEPA est en cours", pending.Str("detail"));
        var portal = await PortalPageAsync(Factory, DemoAccounts.SecretaryEmail, $"/Invoices/Details?id={checkout.InvoiceId}");
        Assert.Contains("Paiement en cours de traitement", portal);
        Assert.DoesNotContain("Payer en ligne", portal);

        var failed = Event("checkout.session.async_payment_failed", checkout.Session("unpaid"));
        await Factory.DeliverOkAsync(failed);
        await Factory.DeliverOkAsync(failed);
        await Factory.DeliverOkAsync(Event("payment_intent.processing", checkout.PaymentIntent("processing", "sepa_debit"))); // late: ignored

        var view = await Factory.InvoiceAsync(checkout.InvoiceId);
        Assert.Equal("Issued", view.Str("status"));
        Assert.Equal(invoice.Dec("amountDue"), view.Dec("amountDue"));
        var (online, payments, _) = await Factory.StoredAsync(checkout.OnlinePaymentId);
        Assert.Equal(OnlinePaymentStatus.Failed, online.Status);
        Assert.Equal(PaymentMethod.SepaDebit, online.Method);
        Assert.Empty(payments);
    }

    [Fact]
    public async Task A_forged_or_missing_signature_is_refused_and_changes_nothing()
    {
        var invoice = await Factory.IssuedInvoiceAsync(VitzSurAuthie, 2020);
        var secretary = await Factory.SecretaryAsync();
        var checkout = await app.Stripe.StartCheckoutAsync(secretary, invoice, invoice.Str("tenantId"));
        var eventId = $"evt_forged_{Guid.NewGuid():N}";
        var payload = Event("checkout.session.completed", checkout.Session("paid"), eventId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var before = (await Factory.InvoiceAsync(checkout.InvoiceId)).GetRawText();

        var refused = new[]
        {
            await Factory.DeliverAsync(payload, signature: Sign(payload, "whsec_not_the_right_one", now)),             // forged
            await Factory.DeliverAsync(payload, signature: null),                                                      // missing
            await Factory.DeliverAsync(payload, signature: Sign(payload.Replace(eventId, "evt_other"), WebhookSecret, now)), // body changed after signing
            await Factory.DeliverAsync(payload, signature: Sign(payload, WebhookSecret, now - 3600)),                  // replayed an hour later
            await Factory.DeliverAsync("not json", signature: Sign("not json", WebhookSecret, now)),                   // signed garbage
        };

        foreach (var response in refused)
            Assert.Contains("Signature", (await response.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"));
        Assert.False(await Factory.EventStoredAsync(eventId));
        Assert.Equal(before, (await Factory.InvoiceAsync(checkout.InvoiceId)).GetRawText());
        var (online, payments, _) = await Factory.StoredAsync(checkout.OnlinePaymentId);
        Assert.Equal(OnlinePaymentStatus.Open, online.Status);
        Assert.Empty(payments);
    }

    [Fact]
    public async Task A_full_refund_after_payment_reverses_it_and_the_invoice_is_due_again()
    {
        var invoice = await Factory.IssuedInvoiceAsync(Abbeville, 2021);
        var admin = await Factory.AbbevilleAdminAsync();
        var checkout = await app.Stripe.StartCheckoutAsync(admin, invoice);
        await Factory.DeliverOkAsync(Event("payment_intent.succeeded", checkout.PaymentIntent("succeeded", "card")));
        Assert.Equal("Paid", (await Factory.InvoiceAsync(checkout.InvoiceId)).Str("status"));

        await Factory.DeliverOkAsync(Event("charge.refunded", checkout.Charge(refundedCents: checkout.AmountCents / 2))); // partial: ignored
        Assert.Equal("Paid", (await Factory.InvoiceAsync(checkout.InvoiceId)).Str("status"));
        var refunded = Event("charge.refunded", checkout.Charge(refundedCents: checkout.AmountCents));
        await Factory.DeliverOkAsync(refunded);
        await Factory.DeliverOkAsync(refunded);
        await Factory.DeliverOkAsync(Event("checkout.session.completed", checkout.Session("paid"))); // late success: ignored

        var view = await Factory.InvoiceAsync(checkout.InvoiceId);
        Assert.Equal("Issued", view.Str("status"));
        Assert.Equal(invoice.Dec("amountDue"), view.Dec("amountDue"));
        var (online, payments, _) = await Factory.StoredAsync(checkout.OnlinePaymentId);
        Assert.Equal(OnlinePaymentStatus.Refunded, online.Status);
        var payment = Assert.Single(payments);
        Assert.NotNull(payment.ReversedAt);
        Assert.Equal("Paiement en ligne remboursé.", payment.ReversalReason);
    }

    [Fact]
    public async Task A_dispute_won_by_the_syndicate_restores_the_payment_it_had_reversed()
    {
        var invoice = await Factory.IssuedInvoiceAsync(Abbeville, 2026);
        var admin = await Factory.AbbevilleAdminAsync();
        var checkout = await app.Stripe.StartCheckoutAsync(admin, invoice);
        await Factory.DeliverOkAsync(Event("payment_intent.succeeded", checkout.PaymentIntent("succeeded", "card")));

        await Factory.DeliverOkAsync(Event("charge.dispute.created", checkout.Dispute("needs_response")));
        Assert.Equal(invoice.Dec("amountDue"), (await Factory.InvoiceAsync(checkout.InvoiceId)).Dec("amountDue"));

        var won = Event("charge.dispute.closed", checkout.Dispute("won"));
        await Factory.DeliverOkAsync(won);
        await Factory.DeliverOkAsync(won); // redelivered: nothing more
        await Factory.DeliverOkAsync(Event("charge.dispute.created", checkout.Dispute("needs_response"))); // late: ignored

        var view = await Factory.InvoiceAsync(checkout.InvoiceId);
        Assert.Equal("Paid", view.Str("status"));
        Assert.Equal(0m, view.Dec("amountDue"));
        var (online, payments, _) = await Factory.StoredAsync(checkout.OnlinePaymentId);
        Assert.Equal(OnlinePaymentStatus.DisputeWon, online.Status);
        var payment = Assert.Single(payments);
        Assert.Null(payment.ReversedAt);
        Assert.Equal(invoice.Dec("amountDue"), payment.Amount);
    }

    [Fact]
    public async Task A_dispute_lost_leaves_the_payment_reversed()
    {
        var invoice = await Factory.IssuedInvoiceAsync(Abbeville, 2027);
        var admin = await Factory.AbbevilleAdminAsync();
        var checkout = await app.Stripe.StartCheckoutAsync(admin, invoice);
        await Factory.DeliverOkAsync(Event("payment_intent.succeeded", checkout.PaymentIntent("succeeded", "card")));
        await Factory.DeliverOkAsync(Event("charge.dispute.created", checkout.Dispute("needs_response")));
        await Factory.DeliverOkAsync(Event("charge.dispute.closed", checkout.Dispute("lost")));

        Assert.Equal(invoice.Dec("amountDue"), (await Factory.InvoiceAsync(checkout.InvoiceId)).Dec("amountDue"));
        var (online, payments, _) = await Factory.StoredAsync(checkout.OnlinePaymentId);
        Assert.Equal(OnlinePaymentStatus.Disputed, online.Status);
        Assert.NotNull(Assert.Single(payments).ReversedAt);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_webhook_body_larger_than_stripe_sends_is_refused_before_its_signature_is_read(bool chunked)
    {
        var response = await Factory.DeliverLargeAsync(StripeWebhookEndpoint.MaxBodyBytes + 1, chunked);
        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("256 Kio", problem.Str("detail"));

        // At the limit, the body is read and its (missing) signature refused as before.
        Assert.Equal(HttpStatusCode.BadRequest, (await Factory.DeliverLargeAsync(StripeWebhookEndpoint.MaxBodyBytes, chunked)).StatusCode);
    }

    [Fact]
    public async Task Only_the_tenant_pays_its_own_invoices_and_not_a_credit_note()
    {
        var aumatre = await Factory.IssuedInvoiceAsync(Aumatre, 2022);
        var admin = await Factory.AbbevilleAdminAsync();
        var staff = await Factory.StaffAsync();
        var count = app.Stripe.Requests.Count;

        await (await admin.CheckoutAsync(aumatre.Str("id")!)).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.CheckoutAsync(Guid.NewGuid().ToString())).ProblemAsync(HttpStatusCode.NotFound);
        await (await staff.CheckoutAsync(aumatre.Str("id")!)).ProblemAsync(HttpStatusCode.Forbidden);

        var ercourt = (await staff.InvoicesAsync(await Factory.TenantIdByCodeAsync(Ercourt), "2022")).Single();
        var note = await (await staff.PostJsonAsync($"/api/v1/invoices/{ercourt.Str("id")}/credit-notes", new { reason = "Erreur de facturation" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var secretary = await Factory.SecretaryAsync();
        var tenant = ercourt.Str("tenantId");
        Assert.Contains("avoir", (await (await secretary.CheckoutAsync(note.Str("id")!, tenant)).ProblemAsync(HttpStatusCode.Conflict)).Str("detail"));
        Assert.Contains("annulée", (await (await secretary.CheckoutAsync(ercourt.Str("id")!, tenant)).ProblemAsync(HttpStatusCode.Conflict)).Str("detail"));
        Assert.Equal(count, app.Stripe.Requests.Count); // Stripe never called
    }

    [Fact]
    public async Task The_portal_offers_to_pay_online_and_sends_the_buyer_to_stripe()
    {
        var invoice = await Factory.IssuedInvoiceAsync(Aumatre, 2023); // the secretary's first commune: the portal's default
        var browser = await PortalBrowserAsync(Factory, DemoAccounts.SecretaryEmail);
        var list = await browser.GetStringAsync("/Invoices");
        Assert.Contains($"/Invoices/Details?id={invoice.Str("id")}&amp;handler=Pay", list);
        var page = await browser.GetStringAsync($"/Invoices/Details?id={invoice.Str("id")}");
        Assert.Contains("Payer en ligne", page);

        var response = await browser.PostAsync($"/Invoices/Details?id={invoice.Str("id")}&handler=Pay",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(page) }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://checkout.stripe.test/c/pay/cs_test_", response.Headers.Location!.OriginalString);

        // Back from Stripe: the page tells what the database knows, not what the return address says.
        var back = WebUtility.HtmlDecode(await browser.GetStringAsync($"/Invoices/Details?id={invoice.Str("id")}&paiement=retour"));
        Assert.Contains("en cours de confirmation", back);
        Assert.DoesNotContain("Payée.", back);
    }

    [Fact]
    public async Task Without_a_secret_key_online_payment_is_switched_off()
    {
        var invoice = await Factory.IssuedInvoiceAsync(Abbeville, 2024);
        await using var off = Factory.WithWebHostBuilder(b => b.UseSetting("Stripe:SecretKey", ""));
        var client = off.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoAccounts.AbbevilleAdminEmail, password = SaasAppFactory.DemoPassword });
        var token = (await login.ReadJsonAsync(HttpStatusCode.OK)).Str("accessToken");
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var problem = await (await client.CheckoutAsync(invoice.Str("id")!)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Le paiement en ligne n'est pas activé.", problem.Str("detail"));
        var page = await PortalPageAsync(off, DemoAccounts.AbbevilleAdminEmail, $"/Invoices/Details?id={invoice.Str("id")}");
        Assert.DoesNotContain("Payer en ligne", page);
        Assert.DoesNotContain("Payer en ligne", await PortalPageAsync(off, DemoAccounts.AbbevilleAdminEmail, "/Invoices"));
    }

    private static async Task<HttpClient> PortalBrowserAsync(WebApplicationFactory<Program> factory, string email)
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await browser.GetStringAsync("/Account/Login");
        var response = await browser.CompleteTwoFactorAsync(await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = SaasAppFactory.DemoPassword,
            ["__RequestVerificationToken"] = Token(login),
        })));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<string> PortalPageAsync(WebApplicationFactory<Program> factory, string email, string url) =>
        WebUtility.HtmlDecode(await (await PortalBrowserAsync(factory, email)).GetStringAsync(url));

    private static string Token(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class SqliteOnlinePaymentApiTests(SqliteStripeApp app) : OnlinePaymentApiTests(app), IClassFixture<SqliteStripeApp>;

public sealed class PostgreSqlOnlinePaymentApiTests(PostgreSqlStripeApp app) : OnlinePaymentApiTests(app), IClassFixture<PostgreSqlStripeApp>;
