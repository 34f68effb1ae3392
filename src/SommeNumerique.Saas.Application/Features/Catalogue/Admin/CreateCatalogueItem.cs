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

/// <summary>Staff: creates a service, unpublished, with one offer of the same code and name (no price yet).</summary>
public static class CreateCatalogueItem
{
    [SentBy(Caller.Staff)]
    public sealed record Command(string? Code, CatalogueItemFields Fields) : ICommand<CatalogueItemView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).NotEmpty().WithMessage("Le code est obligatoire.")
                .Matches("^[A-Za-z0-9-]{2,40}$").WithMessage("Le code compte 2 à 40 caractères parmi A-Z, 0-9 et « - ».");
            RuleFor(c => c.Code).XmlSafeText();
            RuleFor(c => c.Fields).NotNull().SetValidator(new CatalogueItemFields.Validator());
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping) : ICommandHandler<Command, CatalogueItemView>
    {
        public async ValueTask<CatalogueItemView> Handle(Command command, CancellationToken cancellationToken)
        {
            var code = CatalogueCodes.Normalize(command.Code!);
            if (await db.CatalogueItems.AnyAsync(i => i.Code == code, cancellationToken) || await db.Offers.AnyAsync(o => o.Code == code, cancellationToken))
                throw new ConflictException($"Le code {code} est déjà utilisé au catalogue.");

            var item = CatalogueItem.Create(code, command.Fields.Name!, command.Fields.UnitLabel!, command.Fields.NatureAccount!);
            command.Fields.ApplyTo(item, code);
            item.AddOffer(code, command.Fields.Name!);
            db.CatalogueItems.Add(item);

            var view = item.Adapt<CatalogueItemView>(mapping);
            audit.Record(CatalogueAudit.Area, "CreateItem", code, before: null, after: view, justification: null);
            return view;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder admin) =>
        admin.MapPost("/catalogue", async (Command command, ISender sender, CancellationToken ct) =>
            {
                var view = await sender.Send(command, ct);
                return TypedResults.Created($"/api/v1/admin/catalogue/{view.Code}", view);
            })
            .RequireCallerOf<Command>()
            .WithName("CreateCatalogueItem")
            .WithSummary("Créer un service (non publié, sans tarif).");
}
