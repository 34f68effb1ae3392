using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Payments;

namespace SommeNumerique.Saas.Application.Features.Payments;

/// <summary>
/// A tenant starts paying one of its invoices online: an <see cref="OnlinePayment"/> for the amount due and a
/// hosted checkout page (card or SEPA debit). The invoice itself changes only when the provider confirms the
/// money (<see cref="HandlePaymentWebhook"/>), never on the buyer's return.
/// </summary>
public static class StartInvoiceCheckout
{
    /// <summary>An open checkout page younger than this is shown again instead of creating a second one (pages live 24 h).</summary>
    public static readonly TimeSpan ReuseOpenSessionFor = TimeSpan.FromHours(23);

    public sealed record Result(string CheckoutUrl, Guid OnlinePaymentId);

    [SentBy(Caller.TenantMember)]
    public sealed record Command(Guid InvoiceId) : ICommand<Result>;

    /// <param name="portal">The portal's configured address, for the return pages (never the request's Host header).</param>
    public sealed class Handler(ISaasDbContext db, ITenantContext tenant, IOnlinePaymentGateway gateway, TimeProvider clock,
        IOptions<PortalOptions> portal)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var tenantId = tenant.TenantId ?? throw new NotFoundException("Facture introuvable.");
            // The query filter already keeps to the active tenant; the explicit check says so where it matters.
            var invoice = await db.Invoices.AsNoTracking()
                .SingleOrDefaultAsync(i => i.Id == command.InvoiceId && i.TenantId == tenantId && i.Status != InvoiceStatus.Draft, cancellationToken)
                ?? throw new NotFoundException("Facture introuvable.");
            // After the lookup: another tenant's invoice is "not found" whatever the configuration.
            if (!gateway.IsEnabled) throw new ConflictException(OnlinePaymentTexts.NotEnabled);
            if (string.IsNullOrWhiteSpace(portal.Value.BaseUrl)) throw new ConflictException(OnlinePaymentTexts.NoPortalAddress);
            var attempts = await db.OnlinePayments.Where(p => p.InvoiceId == invoice.Id).ToListAsync(cancellationToken);
            var refusal = OnlinePaymentTexts.WhyNotPayable(invoice, attempts);
            if (refusal is not null) throw new ConflictException(refusal);

            var now = clock.GetUtcNow();
            var open = attempts.Where(p => p.Status == OnlinePaymentStatus.Open && p.Amount == invoice.AmountDue && p.CheckoutUrl is not null
                    && now - p.CreatedAt < ReuseOpenSessionFor)
                .OrderByDescending(p => p.CreatedAt).FirstOrDefault();
            if (open is not null) return new Result(open.CheckoutUrl!, open.Id);

            var payment = OnlinePayment.Start(invoice.TenantId, invoice.Id, invoice.AmountDue, now);
            var invoicePage = $"{portal.Value.BaseUrl.TrimEnd('/')}/Invoices/Details?id={invoice.Id}";
            var session = await gateway.CreateCheckoutSessionAsync(new CheckoutRequest(
                invoice.TenantId, invoice.Id, payment.Id, invoice.Number!, ToCents(invoice.AmountDue), invoice.Buyer.ContactEmail,
                invoicePage + "&paiement=retour", invoicePage + "&paiement=abandon", payment.IdempotencyKey), cancellationToken);
            payment.AttachCheckoutSession(session.Id, session.Url);
            db.OnlinePayments.Add(payment);
            return new Result(session.Url, payment.Id);
        }
    }

    /// <summary>Euros to cents, exactly (amounts are rounded to the cent).</summary>
    public static long ToCents(decimal amount)
    {
        var cents = amount * 100m;
        if (cents != decimal.Truncate(cents)) throw new InvalidOperationException($"{amount} is not a whole number of cents.");
        return (long)cents;
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/invoices/{id:guid}/checkout", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id), ct)))
            .RequireCallerOf<Command>()
            .WithName("StartInvoiceCheckout")
            .WithSummary("Payer une facture en ligne (carte ou prélèvement SEPA) : renvoie l'adresse de la page de paiement.");
}

/// <summary>French texts and the rule "may this invoice be paid online now", shared by the API and the portal.</summary>
public static class OnlinePaymentTexts
{
    public const string NotEnabled = "Le paiement en ligne n'est pas activé.";
    public const string NoPortalAddress = "Le paiement en ligne n'est pas disponible : l'adresse publique du portail (Portal:BaseUrl) n'est pas configurée.";

    /// <summary>Why the invoice cannot be paid online now, or null when it can.</summary>
    public static string? WhyNotPayable(Invoice invoice, IEnumerable<OnlinePayment> attempts)
    {
        if (invoice.Kind != InvoiceKind.Invoice) return "Un avoir ne se paie pas.";
        if (invoice.Status == InvoiceStatus.Cancelled) return $"La facture {invoice.Number} est annulée : il n'y a rien à payer.";
        if (invoice.Status == InvoiceStatus.Paid || invoice.AmountDue <= 0) return $"La facture {invoice.Number} est déjà payée.";
        if (attempts.Any(p => p.Status == OnlinePaymentStatus.Processing))
            return $"Un prélèvement SEPA est en cours de traitement pour la facture {invoice.Number} : attendez son issue avant de payer à nouveau.";
        return null;
    }
}
