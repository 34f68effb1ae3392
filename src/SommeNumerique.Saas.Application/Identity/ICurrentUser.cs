namespace SommeNumerique.Saas.Application.Identity;

/// <summary>The signed-in user of the current request.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid? UserId { get; }
    string? Email { get; }
    string? DisplayName { get; }
    bool IsInRole(string role);
}

/// <summary>
/// Role names. Staff and Treasury are global (the syndicate's agents); TenantAdmin and TenantUser are held
/// per tenant (see TenantMember) and granted to the request for its active tenant only.
/// </summary>
public static class Roles
{
    public const string Staff = "Staff";
    public const string Treasury = "Treasury";
    public const string TenantAdmin = "TenantAdmin";
    public const string TenantUser = "TenantUser";

    public static readonly IReadOnlyList<string> Global = [Staff, Treasury];
}

/// <summary>Authorization policy names used by endpoints and pages.</summary>
public static class Policies
{
    /// <summary>Syndicate staff only.</summary>
    public const string Staff = "Staff";
    /// <summary>Staff or treasury agents (the host context).</summary>
    public const string Host = "Host";
    /// <summary>Anyone signed in.</summary>
    public const string SignedIn = "SignedIn";
}
