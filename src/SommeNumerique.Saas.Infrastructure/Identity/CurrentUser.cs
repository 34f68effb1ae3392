using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Infrastructure.Identity;

/// <summary>The signed-in user, read from the request's claims (cookie or bearer token alike).</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public const string DisplayNameClaim = "sn:display_name";

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public Guid? UserId => Principal is { } p ? ReadUserId(p) : null;
    public string? Email => Principal?.FindFirstValue(ClaimTypes.Email) ?? Principal?.FindFirstValue(ClaimTypes.Name);
    public string? DisplayName => Principal?.FindFirstValue(DisplayNameClaim);
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    public static Guid? ReadUserId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
