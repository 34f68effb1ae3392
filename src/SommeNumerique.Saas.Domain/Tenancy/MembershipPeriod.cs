namespace SommeNumerique.Saas.Domain.Tenancy;

/// <summary>
/// A period during which a tenant is a member of the syndicate (it transferred the competence).
/// <see cref="Until"/> is the last day of membership; null while it lasts.
/// </summary>
public sealed record MembershipPeriod(DateOnly From, DateOnly? Until, string Source)
{
    public bool Covers(DateOnly date) => From <= date && (Until is null || date <= Until);
}

/// <summary>The legal population of a tenant for a reference year (population légale millésimée).</summary>
public sealed record PopulationRecord(int ReferenceYear, int Population);

/// <summary>Where invoices are sent.</summary>
public sealed record PostalAddress(string Line1, string? Line2, string PostalCode, string City);

/// <summary>Who to contact at the tenant about billing.</summary>
public sealed record BillingContact(string Name, string Email, string? Phone);
