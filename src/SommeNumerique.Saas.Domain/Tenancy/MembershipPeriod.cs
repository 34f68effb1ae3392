using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Domain.Tenancy;

/// <summary>
/// A period during which a tenant is a member of the syndicate (it transferred the competence).
/// <see cref="Until"/> is the last day of membership; null while it lasts.
/// </summary>
public sealed record MembershipPeriod(DateOnly From, DateOnly? Until, string Source)
{
    public bool Covers(DateOnly date) => From <= date && (Until is null || date <= Until);

    /// <summary>The deliberation that decided the joining (null for memberships imported from the seeds).</summary>
    public Deliberation? JoinDeliberation { get; init; }

    /// <summary>The deliberation that decided the leaving, once recorded.</summary>
    public Deliberation? LeaveDeliberation { get; init; }
}

/// <summary>
/// The legal population of a tenant for a reference year (population légale millésimée): the figure used to bill
/// that year, and where it comes from (Etalab edition, seed, INSEE file imported by staff...).
/// </summary>
public sealed record PopulationRecord(int ReferenceYear, int Population, string Source = "");

/// <summary>
/// A period during which a commune belongs to an EPCI. <see cref="From"/> is <see cref="DateOnly.MinValue"/> for the
/// first known link (no start date in the reference files); <see cref="Until"/> is the last day, null while it lasts.
/// </summary>
public sealed record EpciLink(DateOnly From, DateOnly? Until, Guid EpciId, string Reason)
{
    public bool Covers(DateOnly date) => From <= date && (Until is null || date <= Until);
}

/// <summary>Where invoices are sent.</summary>
public sealed record PostalAddress(string Line1, string? Line2, string PostalCode, string City);

/// <summary>Who to contact at the tenant about billing.</summary>
public sealed record BillingContact(string Name, string Email, string? Phone);
