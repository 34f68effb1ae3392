using Microsoft.AspNetCore.Identity;

namespace SommeNumerique.Saas.Application.Identity;

/// <summary>A person who signs in: syndicate agent, treasury agent, or a tenant's secretary/elected official.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
}

/// <summary>Identity role with a Guid key.</summary>
public sealed class ApplicationRole : IdentityRole<Guid>
{
    public ApplicationRole() { }
    public ApplicationRole(string name) : base(name) { }
}
