using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Invoicing;

/// <summary>
/// Issues a credit note (avoir, series AV) cancelling an issued invoice wholly or for chosen lines, with a
/// reason; the invoice becomes "cancelled" once every line is credited. The credited lines may be billed
/// again by the next run of the period (a corrected invoice). <see cref="Preview"/> drafts the same credit note
/// without issuing it, so that a form can state its amount before the staff confirm.
/// </summary>
public static class CreateCreditNote
{
    public sealed record Request(string? Reason, IReadOnlyList<int>? Lines, int? Version);

    [SentBy(Caller.Staff)]
    public sealed record Command(Guid InvoiceId, Request Body) : ICommand<InvoiceView>;

    /// <summary>The credit note <see cref="Command"/> would issue, not numbered and not saved.</summary>
    [SentBy(Caller.Staff)]
    public sealed record Preview(Guid InvoiceId, Request Body) : IQuery<InvoiceView>;

    public sealed class RequestValidator : AbstractValidator<Request>
    {
        public RequestValidator()
        {
            RuleFor(r => r.Reason).NotEmpty().WithName("reason").WithMessage("Indiquez le motif de l'avoir.")
                .MaximumLength(1000).WithName("reason").WithMessage("Le motif tient en 1000 caractères.");
            RuleFor(r => r.Reason).XmlSafeText();
            RuleForEach(r => r.Lines).GreaterThan(0).WithName("lines").WithMessage("Un numéro de ligne commence à 1.");
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).SetValidator(new RequestValidator());
    }

    public sealed class PreviewValidator : AbstractValidator<Preview>
    {
        public PreviewValidator() => RuleFor(c => c.Body).SetValidator(new RequestValidator());
    }

    /// <summary>The credit note drafted on the invoice, and the lines of the credit notes issued before it.</summary>
    private static async Task<(Invoice Note, List<InvoiceLine> Earlier)> DraftAsync(ISaasDbContext db, Invoice invoice,
        Request body, DateTimeOffset now, CancellationToken ct)
    {
        var earlier = await db.Invoices.AsNoTracking().Where(n => n.CreditedInvoiceId == invoice.Id && n.Status != InvoiceStatus.Draft)
            .SelectMany(n => n.Lines).ToListAsync(ct);
        return (invoice.DraftCreditNote(body.Lines?.ToList(), body.Reason!, earlier, now), earlier);
    }

    public sealed class PreviewHandler(ISaasDbContext db, TimeProvider clock) : IQueryHandler<Preview, InvoiceView>
    {
        public async ValueTask<InvoiceView> Handle(Preview query, CancellationToken cancellationToken)
        {
            // The same load and version check as the command: the preview shows exactly what confirming would issue.
            var invoice = await GetInvoice.LoadForChange(db, query.InvoiceId, query.Body.Version, cancellationToken);
            var (note, _) = await DraftAsync(db, invoice, query.Body, clock.GetUtcNow(), cancellationToken);
            return InvoiceView.From(note);
        }
    }

    public sealed class Handler(ISaasDbContext db, TimeProvider clock) : ICommandHandler<Command, InvoiceView>
    {
        public async ValueTask<InvoiceView> Handle(Command command, CancellationToken cancellationToken)
        {
            var invoice = await GetInvoice.LoadForChange(db, command.InvoiceId, command.Body.Version, cancellationToken);
            var now = clock.GetUtcNow();
            var (note, earlier) = await DraftAsync(db, invoice, command.Body, now, cancellationToken);
            await InvoiceNumbers.IssueAsync(db, [note], DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
            invoice.ApplyCreditNote(note, earlier);
            db.Invoices.Add(note);
            return InvoiceView.From(note);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/invoices/{id:guid}/credit-notes", async (Guid id, Request body, ISender sender, CancellationToken ct) =>
            {
                var note = await sender.Send(new Command(id, body), ct);
                return TypedResults.Created($"/api/v1/invoices/{note.Id}", note);
            })
            .RequireCallerOf<Command>()
            .WithName("CreateCreditNote")
            .WithSummary("Émettre un avoir sur une facture : totalité (lines absent) ou lignes choisies, avec un motif.");
}
