using SommeNumerique.Saas.Domain.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Accounts;

/// <summary>Where an invitation stands. <see cref="Expired"/> is read from the clock, never stored.</summary>
public enum InvitationStatus
{
    Pending = 1,
    Accepted = 2,
    Revoked = 3,
    Expired = 4,
}

/// <summary>
/// An e-mailed invitation to join the portal: to one or more tenants with a tenant role (TenantAdmin, TenantUser), or
/// to the syndicate's team with a global role (Staff, Treasury). It carries the SHA-256 hash of a single-use random
/// token (the token itself is only in the e-mail), valid until <see cref="ExpiresAt"/>; a re-send replaces the token,
/// so that the previous link no longer works. Global: an invitation belongs to its addressee, and its tenants are
/// checked by the handlers (staff: any; a tenant's administrator: the active tenant only).
/// </summary>
public sealed class Invitation : ISharedAcrossTenants
{
    public const string StaffRole = "Staff";
    public const string TreasuryRole = "Treasury";
    public static readonly IReadOnlyList<string> GlobalRoles = [StaffRole, TreasuryRole];
    public static readonly IReadOnlyList<string> TenantRoles = ["TenantAdmin", "TenantUser"];

    private readonly List<InvitedTenant> _tenants = [];

    private Invitation() { Email = NormalizedEmail = Role = TokenHash = ""; }

    public Guid Id { get; private set; }
    /// <summary>The address as typed (trimmed).</summary>
    public string Email { get; private set; }
    /// <summary>Upper-case address, for look-ups.</summary>
    public string NormalizedEmail { get; private set; }
    /// <summary>"TenantAdmin", "TenantUser", "Staff" or "Treasury".</summary>
    public string Role { get; private set; }
    public IReadOnlyList<InvitedTenant> Tenants => _tenants;
    /// <summary>Lower-case hex SHA-256 of the token of the last e-mail sent.</summary>
    public string TokenHash { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset LastSentAt { get; private set; }
    public int SendCount { get; private set; }
    public Guid? InvitedByUserId { get; private set; }
    public string? InvitedBy { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public Guid? AcceptedUserId { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsGlobal => GlobalRoles.Contains(Role);

    public TenantRole? TenantRole => IsGlobal ? null : Enum.Parse<TenantRole>(Role);

    public static Invitation Create(
        string email, string role, IEnumerable<Guid> tenantIds, string tokenHash, DateTimeOffset at, DateTimeOffset expiresAt,
        Guid? invitedByUserId, string? invitedBy)
    {
        if (!GlobalRoles.Contains(role) && !TenantRoles.Contains(role))
            throw new FieldRuleException("role", $"Rôle inconnu : {role}.");
        var tenants = tenantIds.Distinct().ToList();
        if (GlobalRoles.Contains(role) && tenants.Count > 0)
            throw new FieldRuleException("tenantIds", "Un rôle du syndicat (Staff, Treasury) ne se donne pas pour une collectivité.");
        if (!GlobalRoles.Contains(role) && tenants.Count == 0)
            throw new FieldRuleException("tenantIds", "Indiquez au moins une collectivité.");
        if (expiresAt <= at) throw new DomainException("La durée de validité d'une invitation doit être positive.");
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(), Email = email.Trim(), NormalizedEmail = email.Trim().ToUpperInvariant(), Role = role,
            TokenHash = tokenHash, CreatedAt = at, ExpiresAt = expiresAt, LastSentAt = at, SendCount = 1,
            InvitedByUserId = invitedByUserId, InvitedBy = invitedBy,
        };
        invitation._tenants.AddRange(tenants.Select(t => new InvitedTenant(t)));
        return invitation;
    }

    public InvitationStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationStatus.Accepted
        : RevokedAt is not null ? InvitationStatus.Revoked
        : now >= ExpiresAt ? InvitationStatus.Expired
        : InvitationStatus.Pending;

    /// <summary>Refuses a link that cannot be used any more (used, revoked, expired), with the French message to show.</summary>
    public void EnsureUsable(DateTimeOffset now)
    {
        switch (StatusAt(now))
        {
            case InvitationStatus.Accepted:
                throw new InvitationRefusedException("Ce lien d'invitation a déjà été utilisé. Connectez-vous avec votre adresse e-mail et votre mot de passe.");
            case InvitationStatus.Revoked:
                throw new InvitationRefusedException("Cette invitation a été annulée. Demandez une nouvelle invitation à la personne qui vous a invité.");
            case InvitationStatus.Expired:
                throw new InvitationRefusedException(
                    $"Ce lien d'invitation a expiré le {FrenchText.Day(DateOnly.FromDateTime(ExpiresAt.ToLocalTime().DateTime))} à {ExpiresAt.ToLocalTime():HH'h'mm}. Demandez un nouvel envoi à la personne qui vous a invité.");
        }
    }

    public void Accept(Guid userId, DateTimeOffset at)
    {
        EnsureUsable(at);
        AcceptedAt = at;
        AcceptedUserId = userId;
        Version++;
    }

    /// <summary>A new token and a new expiry (a pending or expired invitation only): the previous link stops working.</summary>
    public void Renew(string tokenHash, DateTimeOffset at, DateTimeOffset expiresAt)
    {
        if (AcceptedAt is not null) throw new InvitationRefusedException("Cette invitation a déjà été acceptée : il n'y a rien à renvoyer.");
        if (RevokedAt is not null) throw new InvitationRefusedException("Cette invitation a été annulée : invitez à nouveau la personne.");
        TokenHash = tokenHash;
        ExpiresAt = expiresAt;
        LastSentAt = at;
        SendCount++;
        Version++;
    }

    public void Revoke(DateTimeOffset at)
    {
        if (AcceptedAt is not null) throw new InvitationRefusedException("Cette invitation a déjà été acceptée : retirez plutôt la personne de la collectivité.");
        if (RevokedAt is not null) throw new InvitationRefusedException("Cette invitation est déjà annulée.");
        RevokedAt = at;
        Version++;
    }
}

/// <summary>A tenant an invitation gives access to (owned by the invitation).</summary>
public sealed class InvitedTenant
{
    private InvitedTenant() { }
    public InvitedTenant(Guid tenantId) { TenantId = tenantId; }
    public Guid TenantId { get; private set; }
}

/// <summary>The invitation is in a state that refuses the action (used, revoked, expired): answered 409.</summary>
public sealed class InvitationRefusedException(string message) : DomainException(message);
