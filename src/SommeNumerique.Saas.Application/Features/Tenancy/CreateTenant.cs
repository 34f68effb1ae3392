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
/// Staff create a tenant that is not in the national files: a CCAS, a syndicat (SIVU, SIVOM, syndicat scolaire), the
/// SDIS, another public establishment (or a commune / EPCI missing from the import). SIREN checked (9 digits, Luhn),
/// unique (a duplicate answers 409 naming the tenant that has it); SIRET checked against the SIREN.
/// </summary>
public static class CreateTenant
{
    public sealed record Body
    {
        /// <summary>ccas, syndicat, sivu, sdis, etablissement-public, commune, ca, cc, cu, metropole, departement.</summary>
        public string? Kind { get; init; }
        public string? Name { get; init; }
        public string? Siren { get; init; }
        public string? Siret { get; init; }
        public string? InseeCode { get; init; }
        /// <summary>A commune's EPCI.</summary>
        public Guid? ParentEpciId { get; init; }
    }

    [SentBy(Caller.Staff)]
    public sealed record Command(Body Body) : ICommand<GetTenant.TenantDetails>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Kind).NotEmpty().WithMessage("Indiquez le type de collectivité.")
                .Must(k => TenantKindCodes.TryParseKind(k, out _)).When(c => !string.IsNullOrWhiteSpace(c.Body.Kind))
                .WithMessage($"Type de collectivité inconnu. Valeurs possibles : {string.Join(", ", TenantKindCodes.KindCodes)}.");
            RuleFor(c => c.Body.Name).NotEmpty().WithMessage("Le nom de la collectivité est obligatoire.")
                .MaximumLength(200).WithMessage("Le nom compte au plus 200 caractères.");
            RuleFor(c => c.Body.Siren).NotEmpty().WithMessage("Le SIREN est obligatoire.")
                .Must(s => Siren.TryParse(s, out _)).When(c => !string.IsNullOrWhiteSpace(c.Body.Siren))
                .WithMessage(c => $"Le SIREN « {c.Body.Siren} » n'est pas valide : 9 chiffres dont le dernier est une clé de contrôle (Luhn).");
            RuleFor(c => c.Body.Siret).Matches("^ *[0-9]{3} *[0-9]{3} *[0-9]{3} *[0-9]{5} *$").When(c => !string.IsNullOrWhiteSpace(c.Body.Siret))
                .WithMessage("Le SIRET compte 14 chiffres (le SIREN puis 5 chiffres).");
            RuleFor(c => c.Body.InseeCode).MaximumLength(5).WithMessage("Le code INSEE compte 5 caractères.");
            RuleFor(c => c.Body.Kind).XmlSafeText();
            RuleFor(c => c.Body.Name).XmlSafeText();
            RuleFor(c => c.Body.Siren).XmlSafeText();
            RuleFor(c => c.Body.Siret).XmlSafeText();
            RuleFor(c => c.Body.InseeCode).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping, TimeProvider clock)
        : ICommandHandler<Command, GetTenant.TenantDetails>
    {
        public async ValueTask<GetTenant.TenantDetails> Handle(Command command, CancellationToken cancellationToken)
        {
            var b = command.Body;
            TenantKindCodes.TryParseKind(b.Kind, out var kind);
            var siren = Siren.Parse(b.Siren!);
            var existing = await db.Tenants.AsNoTracking().Where(t => t.Siren == siren).Select(t => new { t.Name }).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
                throw new FieldConflictException("siren", $"Le SIREN {siren.Value} est déjà celui de « {existing.Name} » : cette collectivité existe déjà.");

            var tenant = Tenant.Create(kind, b.Name!, siren, b.InseeCode);
            if (!string.IsNullOrWhiteSpace(b.Siret)) tenant.ChangeIdentity(kind, tenant.Name, tenant.InseeCode, b.Siret);
            Tenant? parent = null;
            if (b.ParentEpciId is { } epciId)
            {
                if (kind != TenantKind.Commune) throw new FieldRuleException("parentEpciId", "Seule une commune est rattachée à un EPCI.");
                parent = await db.Tenants.SingleOrDefaultAsync(t => t.Id == epciId, cancellationToken)
                    ?? throw new FieldRuleException("parentEpciId", "L'EPCI indiqué est introuvable.");
                if (!parent.Kind.IsEpci()) throw new FieldRuleException("parentEpciId", $"{parent.Name} n'est pas un EPCI.");
                tenant.AttachToEpci(parent, reason: "Rattachement indiqué à la création");
            }
            db.Tenants.Add(tenant);
            audit.Record(TenantRecords.AuditArea, "CreateTenant", TenantRecords.Subject(tenant), before: null,
                after: new { Kind = tenant.Kind.Code(), tenant.Name, Siren = tenant.Siren.Value, tenant.Siret, tenant.InseeCode, tenant.ParentEpciId },
                justification: null);
            return GetTenant.Describe(tenant, parent, mapping, clock.Today());
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/tenants", async (Body body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(new Command(body), ct);
                return TypedResults.Created($"/api/v1/tenants/{created.Id}", created);
            })
            .RequireCallerOf<Command>()
            .Produces<GetTenant.TenantDetails>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("CreateTenant")
            .WithSummary("Créer une collectivité absente des fichiers nationaux (CCAS, syndicat, SIVU, SDIS, établissement public) ; agents du syndicat.");
}
