using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Payments;

namespace SommeNumerique.Saas.Application.Features.Payments;

/// <summary>
/// The treasury records a payment received by mandat (the paying body's accountant pays the titre), partial
/// or full, against an issued invoice; the invoice's status follows (partially paid, paid). The invoice's
/// <c>version</c> is required: a request sent twice (a retry, a double click) finds the invoice changed and
/// answers 409, and a mandat already recorded on the invoice (same reference) is refused (422, field
/// <c>reference</c>), by the domain and by a unique index when two requests race.
/// </summary>
public static class RecordMandatPayment
{
    public sealed record Request(decimal? Amount, DateOnly? PaidOn, string? Reference, int? Version);

    [SentBy(Caller.Host)]
    public sealed record Command(Guid InvoiceId, Request Body) : ICommand<PaymentView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Body.Amount).NotNull().WithName("amount").WithMessage("Indiquez le montant payé.")
                .GreaterThan(0).WithName("amount").WithMessage("Le montant payé doit être positif.")
                .Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithName("amount").WithMessage("Le montant s'exprime au centime près.");
            RuleFor(c => c.Body.PaidOn).NotNull().WithName("paidOn").WithMessage("Indiquez la date du paiement.")
                .Must(d => d is null || d.Value <= clock.Today())
                .WithName("paidOn").WithMessage("La date du paiement ne peut pas être dans le futur.");
            RuleFor(c => c.Body.Reference).NotEmpty().WithName("reference").WithMessage("Indiquez la référence du mandat.")
                .MaximumLength(100).WithName("reference").WithMessage("La référence tient en 100 caractères.");
            RuleFor(c => c.Body.Version).NotNull().WithName("version")
                .WithMessage("Indiquez la version de la facture lue (champ version de la facture) : elle évite d'enregistrer deux fois le même paiement.");
            RuleFor(c => c.Body.Reference).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, PaymentView>
    {
        public async ValueTask<PaymentView> Handle(Command command, CancellationToken cancellationToken)
        {
            var invoice = await GetInvoice.LoadForChange(db, command.InvoiceId, command.Body.Version, cancellationToken);
            var payment = await RecordAsync(invoice, command.Body, cancellationToken);
            db.Payments.Add(payment);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A concurrent request recorded a payment first (the invoice's version, or the unique reference index):
                // the rules, applied again to what is stored now, say why (this very mandat: at its field); else 409.
                db.ChangeTracker.Clear();
                await RecordAsync(await GetInvoice.LoadForChange(db, command.InvoiceId, null, cancellationToken), command.Body, cancellationToken);
                db.ChangeTracker.Clear();
                throw new ConflictException(GetInvoice.ChangedMeanwhile);
            }
            return PaymentView.From(payment);
        }

        private async Task<Payment> RecordAsync(Invoice invoice, Request body, CancellationToken ct)
        {
            var recorded = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoice.Id).ToListAsync(ct);
            return invoice.RecordPayment(PaymentMethod.Mandat, body.Amount!.Value, body.PaidOn!.Value, body.Reference!,
                user.Email ?? "trésorerie", clock.GetUtcNow(), recorded);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/invoices/{id:guid}/payments", async (Guid id, Request body, ISender sender, CancellationToken ct) =>
            {
                var payment = await sender.Send(new Command(id, body), ct);
                return TypedResults.Created($"/api/v1/invoices/{id}/payments", payment);
            })
            .RequireCallerOf<Command>()
            .WithName("RecordMandatPayment")
            .WithSummary("Enregistrer un paiement par mandat (partiel ou total) : montant, date, référence du mandat.");
}

/// <summary>A payment as the API and the pages show it.</summary>
public sealed record PaymentView(Guid Id, Guid InvoiceId, string Method, string MethodLabel, decimal Amount, DateOnly PaidOn,
    string Reference, string RecordedBy, DateTimeOffset RecordedAt, bool Reversed, string? ReversalReason)
{
    public static PaymentView From(Payment p) => new(p.Id, p.InvoiceId, p.Method.ToString(), MethodLabelOf(p.Method), p.Amount, p.PaidOn,
        p.Reference, p.RecordedBy, p.RecordedAt, p.ReversedAt is not null, p.ReversalReason);

    public static string MethodLabelOf(PaymentMethod method) => method switch
    {
        PaymentMethod.Mandat => "Mandat",
        PaymentMethod.Card => "Carte bancaire (en ligne)",
        PaymentMethod.SepaDebit => "Prélèvement SEPA (en ligne)",
        _ => method.ToString(),
    };
}

/// <summary>The payments of an invoice (a tenant sees its own invoices' payments only).</summary>
public static class ListInvoicePayments
{
    [SentBy(Caller.SignedIn)]
    public sealed record Query(Guid InvoiceId) : IQuery<IReadOnlyList<PaymentView>>;

    public sealed class Handler(ISaasDbContext db) : IQueryHandler<Query, IReadOnlyList<PaymentView>>
    {
        public async ValueTask<IReadOnlyList<PaymentView>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.Invoices.AnyAsync(i => i.Id == query.InvoiceId && i.Status != InvoiceStatus.Draft, cancellationToken))
                throw new NotFoundException("Facture introuvable.");
            var payments = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == query.InvoiceId)
                .OrderBy(p => p.PaidOn).ThenBy(p => p.RecordedAt).ToListAsync(cancellationToken);
            return payments.Select(PaymentView.From).ToList();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/{id:guid}/payments", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Query(id), ct)))
            .RequireCallerOf<Query>()
            .WithName("ListInvoicePayments")
            .WithSummary("Les paiements reçus pour une facture.");
}
