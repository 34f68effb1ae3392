using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Tenancy;

/// <summary>The deliberation that decided a joining or a leaving, as sent by staff.</summary>
public sealed record DeliberationInput
{
    /// <summary>The body that deliberated (Comité syndical, conseil communautaire...).</summary>
    public string? Body { get; init; }
    public DateOnly? Date { get; init; }
    public string? Reference { get; init; }

    public Deliberation ToDeliberation() => new(Body!.Trim(), Date, Reference!.Trim());
}

/// <summary>The one set of checks of a deliberation sent by staff (joining, leaving).</summary>
public sealed class DeliberationValidator : AbstractValidator<DeliberationInput>
{
    public DeliberationValidator()
    {
        RuleFor(d => d.Body).NotEmpty().WithMessage(TenantRecords.DeliberationBodyMissing).MaximumLength(100).XmlSafeText();
        RuleFor(d => d.Date).NotNull().WithMessage(TenantRecords.DeliberationDateMissing);
        RuleFor(d => d.Reference).NotEmpty().WithMessage(TenantRecords.DeliberationReferenceMissing).MaximumLength(300).XmlSafeText();
    }
}

/// <summary>What the staff use cases on tenants share: the audit area, loading, deliberation checks.</summary>
public static class TenantRecords
{
    public const string AuditArea = "Tenancy";

    public static async Task<Tenant> LoadAsync(ISaasDbContext db, Guid id, CancellationToken ct) =>
        await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Collectivité introuvable.");

    /// <summary>The audit subject of a tenant: its SIREN (as the profile changes already use).</summary>
    public static string Subject(Tenant tenant) => tenant.Siren.Value;

    public const string DeliberationMissing = "Indiquez la délibération qui a décidé ce changement (instance, date, référence).";
    public const string DeliberationBodyMissing = "Indiquez l'instance qui a délibéré (Comité syndical, conseil communautaire...).";
    public const string DeliberationDateMissing = "Indiquez la date de la délibération.";
    public const string DeliberationReferenceMissing = "Indiquez la référence de la délibération.";
}
