using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Application.Features.Catalogue.Admin;

/// <summary>Staff: adds an offer (unpublished, no price yet) to a service.</summary>
public static class AddOffer
{
    public sealed record Body(string? Code, string? Name, string? Description, int? MinQuantity, int? MaxQuantity);

    [SentBy(Caller.Staff)]
    public sealed record Command(string ItemCode, Body Body) : ICommand<OfferView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Code).NotEmpty().WithMessage("Le code de l'offre est obligatoire.")
                .Matches("^[A-Za-z0-9-]{2,40}$").WithMessage("Le code compte 2 à 40 caractères parmi A-Z, 0-9 et « - ».");
            RuleFor(c => c.Body.Name).NotEmpty().WithMessage("Le nom de l'offre est obligatoire.").MaximumLength(300);
            RuleFor(c => c.ItemCode).XmlSafeText();
            RuleFor(c => c.Body.Code).XmlSafeText();
            RuleFor(c => c.Body.Name).XmlSafeText();
            RuleFor(c => c.Body.Description).XmlSafeText();
            RuleFor(c => c.Body.MinQuantity).GreaterThanOrEqualTo(1).WithMessage("La quantité minimale est d'au moins 1.");
            RuleFor(c => c.Body.MaxQuantity).GreaterThanOrEqualTo(c => c.Body.MinQuantity ?? 1)
                .WithMessage("La quantité maximale est inférieure à la quantité minimale.");
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping) : ICommandHandler<Command, OfferView>
    {
        public async ValueTask<OfferView> Handle(Command command, CancellationToken cancellationToken)
        {
            var item = await db.ItemAsync(command.ItemCode, cancellationToken);
            var code = CatalogueCodes.Normalize(command.Body.Code!);
            if (await db.Offers.AnyAsync(o => o.Code == code, cancellationToken))
                throw new ConflictException($"Le code d'offre {code} est déjà utilisé au catalogue.");
            var offer = item.AddOffer(code, command.Body.Name!, command.Body.Description);
            offer.SetQuantityLimits(command.Body.MinQuantity ?? 1, command.Body.MaxQuantity);
            var view = offer.Adapt<OfferView>(mapping);
            audit.Record(CatalogueAudit.Area, "AddOffer", code, before: null, after: view, justification: null);
            return view;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder admin) =>
        admin.MapPost("/catalogue/{itemCode}/offers", async (string itemCode, Body offer, ISender sender, CancellationToken ct) =>
            {
                var view = await sender.Send(new Command(itemCode, offer), ct);
                return TypedResults.Created($"/api/v1/catalogue/{view.Code}/price", view);
            })
            .RequireCallerOf<Command>()
            .WithName("AddOffer")
            .WithSummary("Ajouter une offre à un service (non publiée, sans tarif).");
}
