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
/// Staff record that a tenant joined the syndicate from a date, with the deliberation that decided it. A period
/// overlapping a recorded one is refused (422, in French). Prices of a billed month follow the membership on its first
/// day; issued invoices are not touched.
/// </summary>
public static class RecordMembership
{
    public sealed record Body
    {
        /// <summary>First day as a member.</summary>
        public DateOnly? From { get; init; }
        public DeliberationInput? Deliberation { get; init; }
    }

    [SentBy(Caller.Staff)]
    public sealed record Command(Guid TenantId, Body Body) : ICommand<GetTenant.TenantDetails>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.From).NotNull().WithMessage("Indiquez la date d'adhésion.");
            RuleFor(c => c.Body.Deliberation).NotNull().WithMessage(TenantRecords.DeliberationMissing).SetValidator(new DeliberationValidator()!);
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping, TimeProvider clock)
        : ICommandHandler<Command, GetTenant.TenantDetails>
    {
        public async ValueTask<GetTenant.TenantDetails> Handle(Command command, CancellationToken cancellationToken)
        {
            var tenant = await TenantRecords.LoadAsync(db, command.TenantId, cancellationToken);
            var deliberation = command.Body.Deliberation!.ToDeliberation();
            var before = tenant.Memberships.ToList();
            tenant.JoinSyndicate(command.Body.From!.Value, deliberation.ToString(), deliberation);
            audit.Record(TenantRecords.AuditArea, "RecordMembership", TenantRecords.Subject(tenant), before, tenant.Memberships.ToList(),
                justification: deliberation.ToString());
            return await TenantResponses.DescribeAsync(db, tenant, mapping, clock, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/tenants/{id:guid}/memberships", async (Guid id, Body body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, body), ct)))
            .RequireCallerOf<Command>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("RecordMembership")
            .WithSummary("Enregistrer l'adhésion d'une collectivité au syndicat à une date, avec la délibération (agents du syndicat).");
}

/// <summary>Staff record that a tenant left the syndicate: its last day as a member and the deliberation.</summary>
public static class RecordMembershipEnd
{
    public sealed record Body
    {
        /// <summary>Last day as a member.</summary>
        public DateOnly? LastDay { get; init; }
        public DeliberationInput? Deliberation { get; init; }
    }

    [SentBy(Caller.Staff)]
    public sealed record Command(Guid TenantId, Body Body) : ICommand<GetTenant.TenantDetails>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.LastDay).NotNull().WithMessage("Indiquez le dernier jour d'adhésion.");
            RuleFor(c => c.Body.Deliberation).NotNull().WithMessage(TenantRecords.DeliberationMissing).SetValidator(new DeliberationValidator()!);
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping, TimeProvider clock)
        : ICommandHandler<Command, GetTenant.TenantDetails>
    {
        public async ValueTask<GetTenant.TenantDetails> Handle(Command command, CancellationToken cancellationToken)
        {
            var tenant = await TenantRecords.LoadAsync(db, command.TenantId, cancellationToken);
            var deliberation = command.Body.Deliberation!.ToDeliberation();
            var before = tenant.Memberships.ToList();
            tenant.LeaveSyndicate(command.Body.LastDay!.Value, deliberation);
            audit.Record(TenantRecords.AuditArea, "RecordMembershipEnd", TenantRecords.Subject(tenant), before, tenant.Memberships.ToList(),
                justification: deliberation.ToString());
            return await TenantResponses.DescribeAsync(db, tenant, mapping, clock, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/tenants/{id:guid}/memberships/leave", async (Guid id, Body body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, body), ct)))
            .RequireCallerOf<Command>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("RecordMembershipEnd")
            .WithSummary("Enregistrer le retrait d'une collectivité du syndicat : dernier jour d'adhésion et délibération (agents du syndicat).");
}

/// <summary>The tenant's details after a change, with its EPCI.</summary>
internal static class TenantResponses
{
    public static async Task<GetTenant.TenantDetails> DescribeAsync(ISaasDbContext db, Tenant tenant, TypeAdapterConfig mapping, TimeProvider clock, CancellationToken ct)
    {
        var parent = tenant.ParentEpciId is { } parentId
            ? await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == parentId, ct)
            : null;
        return GetTenant.Describe(tenant, parent, mapping, clock.Today());
    }
}
