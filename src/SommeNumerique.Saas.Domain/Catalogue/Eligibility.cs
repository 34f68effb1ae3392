using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>Who may subscribe, as far as membership goes.</summary>
public enum MembershipRequirement
{
    /// <summary>Everyone (members pay member prices, others non-member prices).</summary>
    None = 0,
    /// <summary>"Aux membres et aux communes des EPCI membres" (connectivity offers).</summary>
    MembersAndTheirCommunes = 1,
    /// <summary>The syndicate's members themselves (statutory contribution).</summary>
    DirectMembersOnly = 2,
}

/// <summary>The answer to "may this tenant subscribe", with the reason in plain French when not.</summary>
public sealed record EligibilityDecision(bool Eligible, string? Reason)
{
    public static readonly EligibilityDecision Yes = new(true, null);
    public static EligibilityDecision No(string reason) => new(false, reason);
}

/// <summary>Eligibility rules of a catalogue item.</summary>
public sealed record EligibilityRules(
    MembershipRequirement Membership = MembershipRequirement.None,
    int? MaxWorkstationsExclusive = null,
    IReadOnlyList<TenantKind>? AllowedKinds = null)
{
    public static readonly EligibilityRules Anyone = new();

    public EligibilityDecision Check(Tenant tenant, MemberPricingDecision membership, DateOnly day) =>
        CheckStanding(tenant, membership.MemberPrices, day) ?? CheckSize(tenant) ?? EligibilityDecision.Yes;

    /// <summary>
    /// Membership and kind of tenant: checked at subscription and again for every billed period (a tenant
    /// that left the syndicate is not billed a members-only service). Null when the tenant stands.
    /// </summary>
    public EligibilityDecision? CheckStanding(Tenant tenant, bool memberPrices, DateOnly day)
    {
        if (Membership == MembershipRequirement.MembersAndTheirCommunes && !memberPrices)
            return EligibilityDecision.No("Réservé aux membres et aux communes des EPCI membres.");
        if (Membership == MembershipRequirement.DirectMembersOnly && !tenant.IsMemberOn(day))
            return EligibilityDecision.No("Réservé aux membres du syndicat mixte.");
        if (AllowedKinds is { Count: > 0 } kinds && !kinds.Contains(tenant.Kind))
            return EligibilityDecision.No($"Réservé aux structures suivantes : {string.Join(", ", kinds.Select(k => k.Label().ToLowerInvariant()))}.");
        return null;
    }

    /// <summary>The size limit (workstations): checked when subscribing only, since it is declared by the tenant.</summary>
    public EligibilityDecision? CheckSize(Tenant tenant)
    {
        if (MaxWorkstationsExclusive is { } max)
        {
            if (tenant.DeclaredWorkstations is null)
                return EligibilityDecision.No($"Réservé aux structures de moins de {max} postes : déclarez votre nombre de postes.");
            if (tenant.DeclaredWorkstations >= max)
                return EligibilityDecision.No($"Réservé aux structures de moins de {max} postes.");
        }
        return null;
    }
}
