using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace SommeNumerique.Saas.Infrastructure.Identity;

/// <summary>The one format of a set / reset password link (admin command, "mot de passe oublié").</summary>
public static class PasswordLinks
{
    /// <summary><c>/Account/ResetPassword?user=…&amp;code=…</c>, the code being Identity's reset token, base64url.</summary>
    public static string PathFor(Guid userId, string resetToken) =>
        $"/Account/ResetPassword?user={userId}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(resetToken))}";
}
