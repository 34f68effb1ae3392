using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Domain;
using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Tenancy;

/// <summary>
/// A tenant's own declarations: workstation count (some offers depend on it), billing address and contact.
/// Its administrator (TenantAdmin, for the active tenant) or syndicate staff may change them.
/// </summary>
public static class UpdateTenantProfile
{
    public sealed record Body
    {
        public int? DeclaredWorkstations { get; init; }
        public string? AddressLine1 { get; init; }
        public string? AddressLine2 { get; init; }
        public string? PostalCode { get; init; }
        public string? City { get; init; }
        public string? ContactName { get; init; }
        public string? ContactEmail { get; init; }
        public string? ContactPhone { get; init; }
        /// <summary>SIRET of the establishment billed (optional; required by Chorus Pro for e-invoices).</summary>
        public string? Siret { get; init; }
        /// <summary>Chorus Pro code service exécutant (optional).</summary>
        public string? ChorusServiceCode { get; init; }
        /// <summary>Chorus Pro numéro d'engagement juridique (optional).</summary>
        public string? ChorusEngagementNumber { get; init; }
    }

    [SentBy(Caller.TenantAdmin)]
    public sealed record Command(Guid TenantId, Body Body) : ICommand<GetTenant.TenantDetails>, IRequireTenantAccess;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.DeclaredWorkstations).NotNull().WithMessage("Indiquez le nombre de postes informatiques.")
                .InclusiveBetween(0, 100_000).WithMessage("Le nombre de postes doit être compris entre 0 et 100 000.");
            RuleFor(c => c.Body.AddressLine1).NotEmpty().WithMessage("L'adresse de facturation est obligatoire.").MaximumLength(200);
            RuleFor(c => c.Body.AddressLine2).MaximumLength(200);
            RuleFor(c => c.Body.PostalCode).NotEmpty().WithMessage("Le code postal est obligatoire.")
                .Matches("^[0-9]{5}$").WithMessage("Le code postal compte 5 chiffres.");
            RuleFor(c => c.Body.City).NotEmpty().WithMessage("La commune de l'adresse est obligatoire.").MaximumLength(100);
            RuleFor(c => c.Body.ContactName).NotEmpty().WithMessage("Le nom du contact facturation est obligatoire.").MaximumLength(200);
            RuleFor(c => c.Body.ContactEmail).NotEmpty().WithMessage("L'e-mail du contact facturation est obligatoire.")
                .EmailAddress().WithMessage("L'e-mail du contact n'est pas valide.").MaximumLength(256);
            RuleFor(c => c.Body.Siret).Matches("^ *[0-9]{3} *[0-9]{3} *[0-9]{3} *[0-9]{5} *$").When(c => !string.IsNullOrWhiteSpace(c.Body.Siret))
                .WithMessage("Le SIRET compte 14 chiffres (le SIREN puis 5 chiffres).");
            RuleFor(c => c.Body.ChorusServiceCode).MaximumLength(100).WithMessage("Le code service compte au plus 100 caractères.");
            RuleFor(c => c.Body.ChorusEngagementNumber).MaximumLength(50).WithMessage("Le numéro d'engagement compte au plus 50 caractères.");
            RuleFor(c => c.Body.AddressLine1).XmlSafeText();
            RuleFor(c => c.Body.AddressLine2).XmlSafeText();
            RuleFor(c => c.Body.PostalCode).XmlSafeText();
            RuleFor(c => c.Body.City).XmlSafeText();
            RuleFor(c => c.Body.ContactName).XmlSafeText();
            RuleFor(c => c.Body.ContactEmail).XmlSafeText();
            RuleFor(c => c.Body.ContactPhone).XmlSafeText();
            RuleFor(c => c.Body.Siret).XmlSafeText();
            RuleFor(c => c.Body.ChorusServiceCode).XmlSafeText();
            RuleFor(c => c.Body.ChorusEngagementNumber).XmlSafeText();
            RuleFor(c => c.Body.ContactPhone).MaximumLength(30).Matches(@"^[0-9 +().-]*$").WithMessage("Le téléphone ne contient que des chiffres, espaces et + ( ) . -");
        }
    }

    public sealed class Handler(
        ISaasDbContext db, AuditTrail audit, TypeAdapterConfig mapping, TimeProvider clock)
        : ICommandHandler<Command, GetTenant.TenantDetails>
    {
        public async ValueTask<GetTenant.TenantDetails> Handle(Command command, CancellationToken cancellationToken)
        {
            var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == command.TenantId, cancellationToken)
                ?? throw new NotFoundException("Collectivité introuvable.");
            var before = new { tenant.DeclaredWorkstations, tenant.BillingAddress, tenant.BillingContact, tenant.Siret, tenant.ChorusServiceCode, tenant.ChorusEngagementNumber };
            var p = command.Body;
            tenant.DeclareWorkstations(p.DeclaredWorkstations!.Value);
            tenant.SetBillingDetails(
                new PostalAddress(p.AddressLine1!.Trim(), string.IsNullOrWhiteSpace(p.AddressLine2) ? null : p.AddressLine2.Trim(), p.PostalCode!, p.City!.Trim()),
                new BillingContact(p.ContactName!.Trim(), p.ContactEmail!.Trim(), string.IsNullOrWhiteSpace(p.ContactPhone) ? null : p.ContactPhone.Trim()));
            tenant.SetPublicBuyerReferences(p.Siret, p.ChorusServiceCode, p.ChorusEngagementNumber);
            audit.Record("Tenancy", "UpdateTenantProfile", tenant.Siren.Value, before,
                new { tenant.DeclaredWorkstations, tenant.BillingAddress, tenant.BillingContact, tenant.Siret, tenant.ChorusServiceCode, tenant.ChorusEngagementNumber },
                justification: null);
            var parent = tenant.ParentEpciId is { } parentId
                ? await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == parentId, cancellationToken)
                : null;
            return GetTenant.Describe(tenant, parent, mapping, clock.Today());
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/tenants/{id:guid}/profile", async (Guid id, Body profile, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, profile), ct)))
            .RequireCallerOf<Command>()
            .WithName("UpdateTenantProfile")
            .WithSummary("Déclarer le nombre de postes, l'adresse et le contact de facturation (administrateur de la collectivité ou agent).");
}
