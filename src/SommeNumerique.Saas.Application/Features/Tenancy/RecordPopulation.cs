using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Tenancy;

/// <summary>
/// Staff record (or correct) a tenant's legal population for a reference year, with its source. Per-inhabitant prices of
/// a billed year use that year's figure only. Issued invoices never change: the next run of the year bills the difference.
/// </summary>
public static class RecordPopulation
{
    public sealed record Body
    {
        public int? Population { get; init; }
        /// <summary>Where the figure comes from (INSEE, arrêté, délibération...).</summary>
        public string? Source { get; init; }
    }

    [SentBy(Caller.Staff)]
    public sealed record Command(Guid TenantId, int Year, Body Body) : ICommand<GetTenant.TenantDetails>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Year).InclusiveBetween(Tenant.FirstPopulationYear, Tenant.LastPopulationYear)
                .WithMessage($"L'année de référence doit être comprise entre {Tenant.FirstPopulationYear} et {Tenant.LastPopulationYear}.");
            RuleFor(c => c.Body.Population).NotNull().WithMessage("Indiquez la population.")
                .InclusiveBetween(0, 100_000_000).WithMessage("La population doit être un nombre d'habitants positif.");
            RuleFor(c => c.Body.Source).NotEmpty().WithMessage("Indiquez la source de la population (INSEE, arrêté...).")
                .MaximumLength(300).WithMessage("La source compte au plus 300 caractères.");
            RuleFor(c => c.Body.Source).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping, TimeProvider clock)
        : ICommandHandler<Command, GetTenant.TenantDetails>
    {
        public async ValueTask<GetTenant.TenantDetails> Handle(Command command, CancellationToken cancellationToken)
        {
            var tenant = await TenantRecords.LoadAsync(db, command.TenantId, cancellationToken);
            var before = tenant.Populations.FirstOrDefault(p => p.ReferenceYear == command.Year);
            if (tenant.RecordPopulation(command.Year, command.Body.Population!.Value, command.Body.Source))
                audit.Record(TenantRecords.AuditArea, "RecordPopulation", TenantRecords.Subject(tenant), before,
                    tenant.Populations.First(p => p.ReferenceYear == command.Year), justification: command.Body.Source);
            return await TenantResponses.DescribeAsync(db, tenant, mapping, clock, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/tenants/{id:guid}/populations/{year:int}", async (Guid id, int year, Body body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, year, body), ct)))
            .RequireCallerOf<Command>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("RecordPopulation")
            .WithSummary("Enregistrer ou corriger la population légale d'une année de référence, avec sa source (agents du syndicat).");
}
