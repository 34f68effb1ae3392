using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Application.Features.Catalogue.Admin;

/// <summary>Staff: withdraws a tariff version that is not in force yet (scheduled), with a written reason.</summary>
public static class WithdrawTariffVersion
{
    [SentBy(Caller.Staff)]
    public sealed record Command(string OfferCode, Guid VersionId, string? Reason) : ICommand<OfferView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OfferCode).XmlSafeText();
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Indiquez le motif du retrait.").MaximumLength(1000);
            RuleFor(c => c.Reason).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping, TimeProvider clock) : ICommandHandler<Command, OfferView>
    {
        public async ValueTask<OfferView> Handle(Command command, CancellationToken cancellationToken)
        {
            var (_, offer) = await db.ItemWithOfferAsync(command.OfferCode, cancellationToken);
            var withdrawn = offer.WithdrawScheduledVersion(command.VersionId, clock.Today());
            audit.Record(CatalogueAudit.Area, "WithdrawTariffVersion", offer.Code,
                before: withdrawn.Adapt<TariffVersionView>(mapping), after: null, justification: command.Reason);
            return offer.Adapt<OfferView>(mapping);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder admin) =>
        admin.MapDelete("/catalogue/offers/{offerCode}/tariffs/{versionId:guid}",
                async (string offerCode, Guid versionId, string? reason, ISender sender, CancellationToken ct) =>
                    TypedResults.Ok(await sender.Send(new Command(offerCode, versionId, reason), ct)))
            .RequireCallerOf<Command>()
            .WithName("WithdrawTariffVersion")
            .WithSummary("Retirer un tarif programmé (pas encore en vigueur), avec un motif.");
}
