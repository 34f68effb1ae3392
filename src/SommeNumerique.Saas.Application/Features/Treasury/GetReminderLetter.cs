using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Invoicing;

namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// The reminder letter (lettre de relance) of an overdue invoice, as a PDF: what was billed, what was
/// received, what is left to pay and how. Refused for an invoice that is not overdue.
/// </summary>
public static class GetReminderLetter
{
    [SentBy(Caller.Host)]
    public sealed record Query(Guid InvoiceId) : IQuery<FileDownload>;

    public sealed class Handler(ISaasDbContext db, IReminderLetterRenderer renderer, IOptions<SellerOptions> seller, TimeProvider clock)
        : IQueryHandler<Query, FileDownload>
    {
        public async ValueTask<FileDownload> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = clock.Today();
            var invoice = await GetInvoice.Load(db, query.InvoiceId, cancellationToken);
            if (!await ListOverdueInvoices.Overdue(db, today, invoice.TenantId).AnyAsync(i => i.Id == invoice.Id, cancellationToken))
                throw new ConflictException($"La facture {invoice.Number} n'est pas échue ou est soldée : pas de relance.");
            var letter = ReminderLetter.From(invoice, seller.Value, today);
            return new FileDownload($"relance-{invoice.Number}.pdf", FileDownload.Pdf, renderer.Render(letter));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/{id:guid}/reminder", async (Guid id, ISender sender, CancellationToken ct) =>
                (await sender.Send(new Query(id), ct)).ToResult())
            .Produces(StatusCodes.Status200OK, contentType: FileDownload.Pdf)
            .RequireCallerOf<Query>()
            .WithName("GetReminderLetter")
            .WithSummary("La lettre de relance (PDF) d'une facture échue non soldée.");
}

/// <summary>
/// What a reminder letter says, computed; the renderer only lays it out: the body, the table of amounts, then
/// the closing paragraphs and the signature.
/// </summary>
public sealed record ReminderLetter(
    InvoiceParty Seller, InvoiceParty Buyer, DateOnly Date, string Subject, IReadOnlyList<string> Body,
    IReadOnlyList<(string Label, string Amount)> Amounts, IReadOnlyList<string> Closing, string Signature)
{
    public static ReminderLetter From(Invoice invoice, SellerOptions seller, DateOnly today)
    {
        var due = invoice.DueDate!.Value;
        var daysLate = today.DayNumber - due.DayNumber;
        var body = new List<string>
        {
            "Madame, Monsieur,",
            $"Sauf erreur ou omission de notre part, la facture N° {invoice.Number} du {FrenchText.Day(invoice.IssueDate!.Value)}, " +
            $"arrivée à échéance le {FrenchText.Day(due)}, reste impayée à ce jour ({daysLate} jour{(daysLate > 1 ? "s" : "")} de retard) " +
            $"pour un montant de {FrenchText.Euros(invoice.AmountDue)}.",
            "Nous vous remercions de bien vouloir faire procéder à son règlement dans les meilleurs délais par mandat " +
            "auprès de votre comptable public, en rappelant la référence de la facture, ou en ligne depuis votre espace « Mes factures ».",
        };
        var closing = new List<string>();
        if (seller.PaymentInstructions is { Length: > 0 } instructions) closing.Add(instructions);
        closing.Add("Si ce règlement a été effectué entre-temps, nous vous prions de ne pas tenir compte de la présente relance.");
        closing.Add("Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.");
        return new ReminderLetter(
            new InvoiceParty(seller.Name, seller.Siren, seller.Siret, null, seller.AddressLines, seller.Contact),
            new InvoiceParty(invoice.Buyer.Name, invoice.Buyer.Siren, invoice.Buyer.Siret, null,
                invoice.Buyer.AddressLines?.Split('\n') ?? [], invoice.Buyer.ContactEmail),
            today,
            $"Objet : relance — facture N° {invoice.Number} échue le {FrenchText.Day(due)}",
            body,
            [
                ("Montant de la facture (TTC)", FrenchText.Euros(invoice.TotalTtc)),
                ("Avoirs déduits", FrenchText.Euros(invoice.CreditedTtc)),
                ("Paiements reçus", FrenchText.Euros(invoice.PaidTtc)),
                ("Reste à payer", FrenchText.Euros(invoice.AmountDue)),
            ],
            closing,
            $"Le service financier — {seller.Name}");
    }
}

/// <summary>Lays a reminder letter out as a PDF (Infrastructure/Treasury/Reminders).</summary>
public interface IReminderLetterRenderer
{
    byte[] Render(ReminderLetter letter);
}
