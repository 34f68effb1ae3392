using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Tenancy;

/// <summary>
/// Staff record that a commune belongs to another EPCI from a date (merger, change of intercommunalité), with the reason.
/// The member-price rule uses the EPCI of the date priced (MemberPricing), so months before the change keep the old EPCI.
/// </summary>
public static class ChangeTenantEpci
{
    public sealed record Body
    {
        public Guid? EpciId { get; init; }
        public DateOnly? From { get; init; }
        /// <summary>Arrêté préfectoral, fusion...</summary>
        public string? Reason { get; init; }
    }

    [SentBy(Caller.Staff)]
    public sealed record Command(Guid TenantId, Body Body) : ICommand<GetTenant.TenantDetails>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.EpciId).NotNull().WithMessage("Indiquez l'EPCI de rattachement.");
            RuleFor(c => c.Body.From).NotNull().WithMessage("Indiquez la date du rattachement.");
            RuleFor(c => c.Body.Reason).NotEmpty().WithMessage("Indiquez le motif du rattachement (arrêté préfectoral, fusion...).")
                .MaximumLength(500).WithMessage("Le motif compte au plus 500 caractères.");
            RuleFor(c => c.Body.Reason).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping, TimeProvider clock)
        : ICommandHandler<Command, GetTenant.TenantDetails>
    {
        public async ValueTask<GetTenant.TenantDetails> Handle(Command command, CancellationToken cancellationToken)
        {
            var tenant = await TenantRecords.LoadAsync(db, command.TenantId, cancellationToken);
            var epci = await db.Tenants.SingleOrDefaultAsync(t => t.Id == command.Body.EpciId, cancellationToken)
                ?? throw new FieldRuleException("epciId", "L'EPCI indiqué est introuvable.");
            var before = tenant.EpciLinks.ToList();
            tenant.ChangeEpci(epci, command.Body.From!.Value, command.Body.Reason!);
            audit.Record(TenantRecords.AuditArea, "ChangeTenantEpci", TenantRecords.Subject(tenant), before, tenant.EpciLinks.ToList(),
                justification: command.Body.Reason!.Trim());
            return GetTenant.Describe(tenant, epci, mapping, clock.Today());
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/tenants/{id:guid}/epci", async (Guid id, Body body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, body), ct)))
            .RequireCallerOf<Command>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("ChangeTenantEpci")
            .WithSummary("Rattacher une commune à un autre EPCI à partir d'une date, avec le motif (agents du syndicat).");
}
