using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain.Payments;
using SommeNumerique.Saas.Infrastructure.Payments.Stripe;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;
using SommeNumerique.Saas.Web.Tests.Api.Billing;
using SommeNumerique.Saas.Web.Tests.Infrastructure;
using static SommeNumerique.Saas.Web.Tests.Api.SubscriptionTestApi;

namespace SommeNumerique.Saas.Web.Tests.Api.Payments;

/// <summary>
/// The application with Stripe configured (test keys, no network: <see cref="FakeStripe"/> under the Stripe
/// client), and four tenants subscribed since 2017 (the first voted tariff of the accounting flows) so that a billing run of any later year gives each an invoice.
/// </summary>
public abstract class StripeAppFixture : IAsyncLifetime
{
    public const string WebhookSecret = "whsec_test";
    public const string Abbeville = "80001";
    public const string Aumatre = "80040";
    public const string Ercourt = "80280";
    public const string VitzSurAuthie = "80810";

    public FakeStripe Stripe { get; } = new();
    public SaasAppFactory Factory { get; private set; } = null!;

    protected abstract Task<SaasAppFactory> CreateAsync(Action<IWebHostBuilder> customize);

    public async Task InitializeAsync()
    {
        Factory = await CreateAsync(builder =>
        {
            builder.UseSetting("Stripe:SecretKey", "sk_test_fake");
            builder.UseSetting("Stripe:WebhookSecret", WebhookSecret);
            builder.UseSetting("Stripe:MaxNetworkRetries", "0");
            builder.ConfigureTestServices(services =>
                services.AddHttpClient(StripeSetup.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Stripe));
        });
        var staff = await Factory.StaffAsync();
        var start = new DateOnly(2017, 1, 1);
        foreach (var code in new[] { Abbeville, Aumatre, Ercourt, VitzSurAuthie })
            await staff.SubscribeAsync(Request("DEMAT-FLUX-COMPTABLES", 1, start, await Factory.TenantIdByCodeAsync(code)));
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class SqliteStripeApp : StripeAppFixture
{
    protected override Task<SaasAppFactory> CreateAsync(Action<IWebHostBuilder> customize) => Task.FromResult(SaasAppFactory.Sqlite(customize));
}

public sealed class PostgreSqlStripeApp : StripeAppFixture
{
    protected override Task<SaasAppFactory> CreateAsync(Action<IWebHostBuilder> customize) => SaasAppFactory.PostgreSqlAsync(customize);
}

/// <summary>Helpers of the online payment tests: invoices to pay, checkout, signed Stripe events, database state.</summary>
internal static class StripeTestApi
{
    /// <summary>Bills <paramref name="year"/> (issued at once) and returns the tenant's invoice of that year.</summary>
    public static async Task<JsonElement> IssuedInvoiceAsync(this SaasAppFactory factory, string tenantCode, int year)
    {
        var staff = await factory.StaffAsync();
        var run = await (await staff.PostJsonAsync("/api/v1/billing-runs", new { period = year.ToString(), dryRun = false }))
            .ReadJsonAsync(HttpStatusCode.Created);
        await staff.WaitUntilIssuedAsync(run.Str("id")!);
        return (await staff.InvoicesAsync(await factory.TenantIdByCodeAsync(tenantCode), year.ToString())).Single();
    }

    public static async Task<JsonElement> InvoiceAsync(this SaasAppFactory factory, string invoiceId) =>
        (await (await factory.StaffAsync()).GetJsonAsync($"/api/v1/invoices/{invoiceId}")).GetProperty("invoice");

    public static Task<HttpResponseMessage> CheckoutAsync(this HttpClient client, string invoiceId, string? tenantId = null) =>
        client.PostJsonAsync($"/api/v1/invoices/{invoiceId}/checkout", new { }, tenantId);

    public static long Cents(decimal euros) => (long)(euros * 100m);

    /// <summary>Posts a webhook signed as Stripe does: <c>t=...,v1=HMAC-SHA256(secret, "t.payload")</c>.</summary>
    public static Task<HttpResponseMessage> DeliverAsync(this SaasAppFactory factory, string payload) =>
        factory.DeliverAsync(payload, Sign(payload, StripeAppFixture.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>Posts a webhook with the given <c>Stripe-Signature</c> header (none when null).</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(this SaasAppFactory factory, string payload, string? signature)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/stripe")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        if (signature is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return await client.SendAsync(request);
    }

    public static async Task DeliverOkAsync(this SaasAppFactory factory, string payload)
    {
        var response = await factory.DeliverAsync(payload);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static string Sign(string payload, string secret, long timestamp)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>A Stripe event envelope around <paramref name="data"/>, at the API version of the Stripe.net in use.</summary>
    public static string Event(string type, JsonObject data, string? id = null) => new JsonObject
    {
        ["id"] = id ?? $"evt_test_{Guid.NewGuid():N}",
        ["object"] = "event",
        ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = data },
    }.ToJsonString();

    /// <summary>What the session metadata carries (and the payment intent's, through payment_intent_data).</summary>
    public sealed record Checkout(string InvoiceId, string TenantId, string OnlinePaymentId, string SessionId, long AmountCents)
    {
        public string PaymentIntentId { get; } = $"pi_test_{Guid.NewGuid():N}";

        public JsonObject Metadata() => new()
        {
            ["invoice_id"] = InvoiceId,
            ["online_payment_id"] = OnlinePaymentId,
            ["tenant_id"] = TenantId,
        };

        public JsonObject Session(string paymentStatus, string status = "complete") => new()
        {
            ["id"] = SessionId,
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["status"] = status,
            ["payment_status"] = paymentStatus,
            ["currency"] = "eur",
            ["amount_total"] = AmountCents,
            ["client_reference_id"] = InvoiceId,
            ["payment_intent"] = status == "expired" ? null : PaymentIntentId,
            ["payment_method_types"] = new JsonArray("card", "sepa_debit"),
            ["metadata"] = Metadata(),
            ["livemode"] = false,
        };

        public JsonObject PaymentIntent(string status, string methodType, string? error = null) => new()
        {
            ["id"] = PaymentIntentId,
            ["object"] = "payment_intent",
            ["amount"] = AmountCents,
            ["amount_received"] = status == "succeeded" ? AmountCents : 0,
            ["currency"] = "eur",
            ["status"] = status,
            ["payment_method_types"] = new JsonArray(methodType),
            ["metadata"] = Metadata(),
            ["last_payment_error"] = error is null ? null : new JsonObject { ["type"] = "card_error", ["message"] = error },
            ["livemode"] = false,
        };

        public JsonObject Charge(long refundedCents, string methodType = "card") => new()
        {
            ["id"] = $"ch_test_{Guid.NewGuid():N}",
            ["object"] = "charge",
            ["amount"] = AmountCents,
            ["amount_refunded"] = refundedCents,
            ["refunded"] = refundedCents >= AmountCents,
            ["currency"] = "eur",
            ["status"] = "succeeded",
            ["paid"] = true,
            ["payment_intent"] = PaymentIntentId,
            ["payment_method_details"] = new JsonObject { ["type"] = methodType },
            ["metadata"] = Metadata(),
            ["livemode"] = false,
        };

        /// <summary>A dispute (chargeback) of the payment; Stripe does not copy the charge's metadata onto it.</summary>
        public JsonObject Dispute(string status) => new()
        {
            ["id"] = DisputeId,
            ["object"] = "dispute",
            ["amount"] = AmountCents,
            ["currency"] = "eur",
            ["charge"] = $"ch_test_{DisputeId[3..]}",
            ["payment_intent"] = PaymentIntentId,
            ["reason"] = "fraudulent",
            ["status"] = status,
            ["metadata"] = new JsonObject(),
            ["livemode"] = false,
        };

        public string DisputeId { get; } = $"dp_{Guid.NewGuid():N}";
    }

    /// <summary>Posts an unsigned webhook body of <paramref name="bytes"/> bytes, with its length or chunked (no length).</summary>
    public static async Task<HttpResponseMessage> DeliverLargeAsync(this SaasAppFactory factory, int bytes, bool chunked)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/stripe")
        {
            Content = new StringContent($"{{\"id\":\"{new string('x', bytes - 9)}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = chunked;
        return await client.SendAsync(request);
    }

    /// <summary>Starts a checkout as the tenant's user and returns what Stripe's events will carry.</summary>
    public static async Task<Checkout> StartCheckoutAsync(this FakeStripe stripe, HttpClient tenantUser, JsonElement invoice, string? tenantId = null)
    {
        var result = await (await tenantUser.CheckoutAsync(invoice.Str("id")!, tenantId)).ReadJsonAsync(HttpStatusCode.OK);
        var url = result.Str("checkoutUrl")!;
        var sessionId = url[(url.LastIndexOf('/') + 1)..];
        return new Checkout(invoice.Str("id")!, invoice.Str("tenantId")!, result.Str("onlinePaymentId")!, sessionId, Cents(invoice.Dec("amountDue")));
    }

    /// <summary>The database's view (host context): the online payment and the invoice payments it produced.</summary>
    public static async Task<(OnlinePayment Online, IReadOnlyList<Payment> Payments, int Events)> StoredAsync(this SaasAppFactory factory, string onlinePaymentId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseHost();
        var db = scope.ServiceProvider.GetRequiredService<ISaasDbContext>();
        var online = await db.OnlinePayments.AsNoTracking().SingleAsync(p => p.Id == Guid.Parse(onlinePaymentId));
        var payments = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == online.InvoiceId).ToListAsync();
        return (online, payments, await db.PaymentWebhookEvents.CountAsync());
    }

    public static async Task<bool> EventStoredAsync(this SaasAppFactory factory, string eventId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseHost();
        return await scope.ServiceProvider.GetRequiredService<ISaasDbContext>().PaymentWebhookEvents.AnyAsync(e => e.EventId == eventId);
    }
}
