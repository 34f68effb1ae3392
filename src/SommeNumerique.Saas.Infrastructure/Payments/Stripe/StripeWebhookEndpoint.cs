using System.Text;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Features.Payments;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.Payments.Stripe;

/// <summary>
/// <c>POST /api/v1/webhooks/stripe</c>: anonymous, authenticated by the signature of the raw body. A bad or
/// missing signature answers 400 and changes nothing; an event already stored answers 200 and changes nothing.
/// A body larger than <see cref="MaxBodyBytes"/> answers 413 before the signature is checked, without reading
/// more than that (announced length, or counted while reading a chunked body).
/// The event is applied in a scope of its own acting as the syndicate (host context), like background work.
/// </summary>
public static class StripeWebhookEndpoint
{
    public const string SignatureHeader = "Stripe-Signature";

    /// <summary>Largest body read: Stripe's events are a few KiB (at most some tens); anything above is refused unread (413).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public sealed record Acknowledgement(bool Received, string Outcome);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/webhooks/stripe", HandleAsync)
            .AllowAnonymous()
            .WithTags("Paiements")
            .WithName("StripeWebhook")
            .WithSummary("Notifications de Stripe (signées) : confirmation, échec, remboursement ou contestation d'un paiement en ligne.");

    private static async Task<IResult> HandleAsync(HttpRequest request, StripeWebhookReader reader, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var json = await ReadBodyAsync(request, ct);
        var providerEvent = reader.Read(json, request.Headers[SignatureHeader].ToString())
            ?? throw new BadHttpRequestException("Signature de la notification absente ou invalide.", StatusCodes.Status400BadRequest);
        try
        {
            var outcome = await SendAsHostAsync(scopes, sender => sender.Send(new HandlePaymentWebhook.Command(providerEvent), ct));
            return TypedResults.Ok(new Acknowledgement(true, outcome.ToString()));
        }
        catch (DbUpdateException)
        {
            // The same event delivered twice at once: the other delivery stored it (primary key), nothing to do.
            if (await SendAsHostAsync(scopes, sender => sender.Send(new HandlePaymentWebhook.IsStored(providerEvent.EventId), ct)))
                return TypedResults.Ok(new Acknowledgement(true, HandlePaymentWebhook.Outcome.AlreadyProcessed.ToString()));
            throw; // another conflict (concurrent events of one payment): Stripe delivers it again later
        }
    }

    /// <summary>The body as text, refused (413) past <see cref="MaxBodyBytes"/>, whatever the server's own limit.</summary>
    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) throw TooLarge();
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;
        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (body.Length + read > MaxBodyBytes) throw TooLarge();
            body.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
    }

    private static BadHttpRequestException TooLarge() =>
        new($"Notification trop volumineuse : Stripe envoie au plus {MaxBodyBytes / 1024} Kio.", StatusCodes.Status413PayloadTooLarge);

    private static async Task<T> SendAsHostAsync<T>(IServiceScopeFactory scopes, Func<ISender, ValueTask<T>> send)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseHost();
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }
}
