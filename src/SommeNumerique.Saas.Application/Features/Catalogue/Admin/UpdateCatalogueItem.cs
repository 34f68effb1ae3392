using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;

namespace SommeNumerique.Saas.Application.Features.Catalogue.Admin;

/// <summary>Staff: edits a service's description, components, rules and imputation (not its tariffs).</summary>
public static class UpdateCatalogueItem
{
    [SentBy(Caller.Staff)]
    public sealed record Command(string ItemCode, CatalogueItemFields Fields) : ICommand<CatalogueItemView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ItemCode).XmlSafeText();
            RuleFor(c => c.Fields).NotNull().SetValidator(new CatalogueItemFields.Validator());
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping) : ICommandHandler<Command, CatalogueItemView>
    {
        public async ValueTask<CatalogueItemView> Handle(Command command, CancellationToken cancellationToken)
        {
            var item = await db.ItemAsync(command.ItemCode, cancellationToken);
            var before = item.Adapt<CatalogueItemView>(mapping);
            command.Fields.ApplyTo(item, item.Code);
            var after = item.Adapt<CatalogueItemView>(mapping);
            audit.Record(CatalogueAudit.Area, "UpdateItem", item.Code, before with { Offers = [] }, after with { Offers = [] }, justification: null);
            return after;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder admin) =>
        admin.MapPut("/catalogue/{itemCode}", async (string itemCode, CatalogueItemFields fields, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(itemCode, fields), ct)))
            .RequireCallerOf<Command>()
            .WithName("UpdateCatalogueItem")
            .WithSummary("Modifier un service (description, composants et engagements, règles, imputation).");
}
