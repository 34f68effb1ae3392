using Microsoft.AspNetCore.Identity;

namespace SommeNumerique.Saas.Application.Identity;

/// <summary>A person who signs in: syndicate agent, treasury agent, or a tenant's secretary/elected official.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// Deactivated by staff, or locked by an administrator, at <paramref name="now"/>: no sign-in, no session
    /// (the one rule: deactivation sets <see cref="IdentityUser{TKey}.LockoutEnd"/>, see DeactivateUser).
    /// </summary>
    public bool IsDeactivatedAt(DateTimeOffset now) => LockoutEnd is { } end && end > now;
}

/// <summary>Identity role with a Guid key.</summary>
public sealed class ApplicationRole : IdentityRole<Guid>
{
    public ApplicationRole() { }
    public ApplicationRole(string name) : base(name) { }
}
