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
/// Staff correct a tenant's identity: name, kind (within its family: a CC becomes a CA, a syndicat a SIVU), INSEE code
/// and SIRET (checked against the SIREN, which never changes: another SIREN is another tenant).
/// </summary>
public static class UpdateTenantIdentity
{
    public sealed record Body
    {
        /// <summary>The kind code; empty keeps the current kind.</summary>
        public string? Kind { get; init; }
        public string? Name { get; init; }
        public string? Siret { get; init; }
        public string? InseeCode { get; init; }
    }

    [SentBy(Caller.Staff)]
    public sealed record Command(Guid TenantId, Body Body) : ICommand<GetTenant.TenantDetails>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Kind).Must(k => TenantKindCodes.TryParseKind(k, out _)).When(c => !string.IsNullOrWhiteSpace(c.Body.Kind))
                .WithMessage($"Type de collectivité inconnu. Valeurs possibles : {string.Join(", ", TenantKindCodes.KindCodes)}.");
            RuleFor(c => c.Body.Name).NotEmpty().WithMessage("Le nom de la collectivité est obligatoire.")
                .MaximumLength(200).WithMessage("Le nom compte au plus 200 caractères.");
            RuleFor(c => c.Body.Siret).Matches("^ *[0-9]{3} *[0-9]{3} *[0-9]{3} *[0-9]{5} *$").When(c => !string.IsNullOrWhiteSpace(c.Body.Siret))
                .WithMessage("Le SIRET compte 14 chiffres (le SIREN puis 5 chiffres).");
            RuleFor(c => c.Body.InseeCode).MaximumLength(5).WithMessage("Le code INSEE compte 5 caractères.");
            RuleFor(c => c.Body.Kind).XmlSafeText();
            RuleFor(c => c.Body.Name).XmlSafeText();
            RuleFor(c => c.Body.Siret).XmlSafeText();
            RuleFor(c => c.Body.InseeCode).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping, TimeProvider clock)
        : ICommandHandler<Command, GetTenant.TenantDetails>
    {
        public async ValueTask<GetTenant.TenantDetails> Handle(Command command, CancellationToken cancellationToken)
        {
            var tenant = await TenantRecords.LoadAsync(db, command.TenantId, cancellationToken);
            var b = command.Body;
            var kind = TenantKindCodes.TryParseKind(b.Kind, out var parsed) ? parsed : tenant.Kind;
            var before = new { Kind = tenant.Kind.Code(), tenant.Name, tenant.Siret, tenant.InseeCode };
            tenant.ChangeIdentity(kind, b.Name!, b.InseeCode, b.Siret);
            var after = new { Kind = tenant.Kind.Code(), tenant.Name, tenant.Siret, tenant.InseeCode };
            if (!before.Equals(after))
                audit.Record(TenantRecords.AuditArea, "UpdateTenantIdentity", TenantRecords.Subject(tenant), before, after, justification: null);
            return await TenantResponses.DescribeAsync(db, tenant, mapping, clock, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/tenants/{id:guid}/identity", async (Guid id, Body body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, body), ct)))
            .RequireCallerOf<Command>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("UpdateTenantIdentity")
            .WithSummary("Corriger l'identité d'une collectivité : nom, type, code INSEE, SIRET (agents du syndicat).");
}
