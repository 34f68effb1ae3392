using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace SommeNumerique.Saas.Web.Tests.Api.Payments;

/// <summary>One request the application sent to Stripe, with its form body decoded.</summary>
public sealed record StripeRequest(HttpMethod Method, string Path, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, StringValues> Form)
{
    public string? this[string key] => Form.TryGetValue(key, out var value) ? value.ToString() : null;
}

/// <summary>
/// Stripe in process, with no network: the handler under the Stripe client's HttpClient. It answers
/// <c>POST /v1/checkout/sessions</c> with a new open session and records every request.
/// </summary>
public sealed class FakeStripe : HttpMessageHandler
{
    private readonly List<StripeRequest> _requests = [];
    private int _sessions;

    public IReadOnlyList<StripeRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    /// <summary>The checkout session creation for one invoice (by the metadata it carried).</summary>
    public StripeRequest SessionCreationFor(string invoiceId) =>
        Requests.Single(r => r.Path == "/v1/checkout/sessions" && r["metadata[invoice_id]"] == invoiceId);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new StripeRequest(request.Method, request.RequestUri!.AbsolutePath, headers, QueryHelpers.ParseQuery(body));
        lock (_requests) _requests.Add(recorded);

        if (request.Method == HttpMethod.Post && recorded.Path == "/v1/checkout/sessions")
        {
            var id = $"cs_test_{Interlocked.Increment(ref _sessions):D4}{Guid.NewGuid():N}";
            var json = $$"""
                {"id":"{{id}}","object":"checkout.session","mode":"payment","status":"open","payment_status":"unpaid",
                 "currency":"eur","amount_total":{{recorded["line_items[0][price_data][unit_amount]"] ?? "0"}},
                 "client_reference_id":"{{recorded["client_reference_id"]}}","payment_intent":null,
                 "url":"https://checkout.stripe.test/c/pay/{{id}}","livemode":false,"metadata":{} }
                """;
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
                Headers = { { "Request-Id", "req_fake" } },
            };
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("""{"error":{"type":"invalid_request_error","message":"Unknown fake route"}}""", Encoding.UTF8, "application/json"),
        };
    }
}
