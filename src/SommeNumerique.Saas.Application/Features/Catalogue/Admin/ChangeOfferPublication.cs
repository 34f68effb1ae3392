using FluentValidation;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Application.Features.Catalogue.Admin;

/// <summary>Staff: publishes an offer (refused without a tariff in force) or retires it from the catalogue.</summary>
public static class ChangeOfferPublication
{
    [SentBy(Caller.Staff)]
    public sealed record Command(string OfferCode, bool Publish) : ICommand<OfferView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.OfferCode).XmlSafeText();
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping, TimeProvider clock) : ICommandHandler<Command, OfferView>
    {
        public async ValueTask<OfferView> Handle(Command command, CancellationToken cancellationToken)
        {
            var (_, offer) = await db.ItemWithOfferAsync(command.OfferCode, cancellationToken);
            var wasPublished = offer.IsPublished;
            if (command.Publish) offer.Publish(clock.Today());
            else offer.Retire();
            if (wasPublished != offer.IsPublished)
                audit.Record(CatalogueAudit.Area, command.Publish ? "PublishOffer" : "RetireOffer", offer.Code,
                    new { isPublished = wasPublished }, new { isPublished = offer.IsPublished }, justification: null);
            return offer.Adapt<OfferView>(mapping);
        }
    }

    public static void Map(IEndpointRouteBuilder admin)
    {
        admin.MapPost("/catalogue/offers/{offerCode}/publish", async (string offerCode, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(offerCode, Publish: true), ct)))
            .RequireCallerOf<Command>()
            .WithName("PublishOffer")
            .WithSummary("Publier une offre (il faut un tarif en vigueur).");
        admin.MapPost("/catalogue/offers/{offerCode}/retire", async (string offerCode, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(offerCode, Publish: false), ct)))
            .RequireCallerOf<Command>()
            .WithName("RetireOffer")
            .WithSummary("Retirer une offre du catalogue publié.");
    }
}
