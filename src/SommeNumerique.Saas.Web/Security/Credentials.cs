using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using QRCoder;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Email;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.Persistence;

namespace SommeNumerique.Saas.Web.Security;

/// <summary>How a password link was used.</summary>
public enum ResetOutcome
{
    Done,
    /// <summary>Used, expired, for another account, or not a link of ours: "Ce lien n'est plus valable…".</summary>
    LinkInvalid,
    /// <summary>The new password breaks the password rules (the errors say which).</summary>
    PasswordRejected,
}

/// <summary>The state of an account's two-step sign-in.</summary>
public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

/// <summary>What an authenticator application needs to enrol: the key, the otpauth URI and its QR code (SVG).</summary>
public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri, string QrCodeSvg);

/// <summary>
/// Passwords and the two-step sign-in, for the portal pages and the API alike: forgot password (no enumeration: the same
/// answer and the same work for any address, throttled), reset by link (Identity's reset token, which dies with the
/// security stamp and after <c>Identity:PasswordLinkLifetime</c>), change when signed in, TOTP enrolment with recovery
/// codes. Every password change renews the security stamp, which ends the account's other sessions
/// (<see cref="SessionValidationMiddleware"/>). Audited in area "Accounts".
/// </summary>
public sealed class Credentials(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IUserStore<ApplicationUser> store,
    SaasDbContext db, AuditTrail audit, IEmailOutbox outbox, PortalLinks links, TimeProvider clock,
    IOptions<CredentialOptions> options, [FromKeyedServices(CredentialSetup.PasswordResetThrottle)] SignInThrottle resetThrottle)
{
    public const string ForgotAnswer =
        "Si un compte actif correspond à cette adresse, un e-mail contenant un lien pour choisir un nouveau mot de passe vient de lui être envoyé. Le lien est valable quelques jours et ne sert qu'une fois.";
    public const string LinkInvalidMessage =
        "Ce lien n'est plus valable : il a déjà servi, il a expiré, ou un mot de passe a été choisi depuis. Demandez un nouveau lien avec « Mot de passe oublié ».";
    public const string PasswordResetThrottledMessage = "Trop de demandes de réinitialisation. Réessayez dans quelques minutes.";
    public const int RecoveryCodeCount = 10;

    private static readonly ApplicationUser DummyUser = new() { Id = Guid.NewGuid(), SecurityStamp = Guid.NewGuid().ToString("N") };

    /// <summary>
    /// Queues a reset e-mail for a known active account only; for any other address, the same work without the e-mail
    /// (a token made for nobody, an audit row): one database write either way. False when throttled.
    /// </summary>
    public async Task<(bool Accepted, TimeSpan RetryAfter)> ForgotPasswordAsync(string email, IPAddress? client, CancellationToken ct)
    {
        if (!resetThrottle.TryAcquire(email, client, out var retryAfter)) return (false, retryAfter);
        var user = await users.FindByEmailAsync(email.Trim());
        var active = user?.Email is not null && !await users.IsLockedOutAsync(user);
        var token = await users.GeneratePasswordResetTokenAsync(active ? user! : DummyUser);
        if (active)
        {
            var link = links.To(PasswordLinks.PathFor(user!.Id, token));
            outbox.Enqueue(EmailTemplates.PasswordReset(user.Email!, link, clock.GetUtcNow().Add(options.Value.PasswordLinkLifetime)));
            audit.Record("Accounts", "PasswordResetRequested", user.Email!, null, null, null);
        }
        else
        {
            audit.Record("Accounts", "PasswordResetRequestedForUnknownAddress", email.Trim(), null, null, null);
        }
        await db.SaveChangesAsync(ct);
        return (true, TimeSpan.Zero);
    }

    /// <summary>Whether a link can still set the password (checked again when it is used).</summary>
    public async Task<bool> LinkIsValidAsync(Guid userId, string code)
    {
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return false; }
        var user = await users.FindByIdAsync(userId.ToString());
        return user is not null && !await users.IsLockedOutAsync(user)
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, token);
    }

    /// <summary>Sets the password from a link; a dead link changes nothing.</summary>
    public async Task<(ResetOutcome Outcome, IReadOnlyList<string> Errors)> ResetPasswordAsync(Guid userId, string code, string password, CancellationToken ct)
    {
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return (ResetOutcome.LinkInvalid, []); }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || await users.IsLockedOutAsync(user)
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, token))
            return (ResetOutcome.LinkInvalid, []);

        var result = await users.ResetPasswordAsync(user, token, password); // renews the security stamp: the link dies, sessions end
        if (!result.Succeeded)
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? (ResetOutcome.LinkInvalid, [])
                : (ResetOutcome.PasswordRejected, result.Errors.Select(e => e.Description).ToList());
        audit.Record("Accounts", "PasswordReset", user.Email ?? user.Id.ToString(), null, null, null);
        await db.SaveChangesAsync(ct);
        return (ResetOutcome.Done, []);
    }

    /// <summary>
    /// Changes the signed-in user's password and signs this session in again with <paramref name="scheme"/> (a new
    /// cookie, or a new bearer token written to the response); every other session of the account ends.
    /// Null when done, else the errors keyed "currentPassword" / "newPassword".
    /// </summary>
    public async Task<Dictionary<string, string[]>?> ChangePasswordAsync(ClaimsPrincipal principal, string current, string next, string scheme, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal) ?? throw new ForbiddenException("Compte introuvable.");
        if (!await users.CheckPasswordAsync(user, current))
            return new() { ["currentPassword"] = ["Le mot de passe actuel est incorrect."] };
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded) return new() { ["newPassword"] = result.Errors.Select(e => e.Description).ToArray() };
        audit.Record("Accounts", "PasswordChanged", user.Email ?? user.Id.ToString(), null, null, null);
        await db.SaveChangesAsync(ct);
        await SignInAgainAsync(user, scheme);
        return null;
    }

    public async Task<TwoFactorStatus> StatusAsync(ApplicationUser user) =>
        new(await users.GetTwoFactorEnabledAsync(user), await MustUseTwoFactorAsync(user), await users.CountRecoveryCodesAsync(user));

    public async Task<ApplicationUser> UserAsync(ClaimsPrincipal principal) =>
        await users.GetUserAsync(principal) ?? throw new ForbiddenException("Compte introuvable.");

    /// <summary>
    /// The key to enrol with (made once, kept until enrolment succeeds). Refused once enrolled: the second factor's
    /// secret is never shown again (a stolen session must not copy it). Does not touch the security stamp.
    /// </summary>
    public async Task<AuthenticatorSetup> AuthenticatorAsync(ApplicationUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
            throw new ConflictException("La double authentification est déjà activée : sa clé n'est plus affichée.");
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            var saved = await users.UpdateAsync(user);
            if (!saved.Succeeded) throw new ConflictException(string.Join(" ", saved.Errors.Select(e => e.Description)));
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString(CredentialOptions.AuthenticatorIssuer)}:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "")}"
            + $"?secret={key}&issuer={Uri.EscapeDataString(CredentialOptions.AuthenticatorIssuer)}&digits=6&period=30";
        return new AuthenticatorSetup(FormatKey(key), uri, QrCodeSvg(uri));
    }

    /// <summary>Turns the two-step sign-in on when <paramref name="code"/> is right: the recovery codes (shown once), else null.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(ApplicationUser user, string code, string scheme)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
            throw new ConflictException("La validation en deux étapes est déjà activée sur ce compte.");
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user))) return null;
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider,
            code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal));
        if (!valid) return null;
        Check(await users.SetTwoFactorEnabledAsync(user, true)); // renews the stamp: sessions opened without it end
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        audit.Record("Accounts", "TwoFactorEnabled", user.Email ?? user.Id.ToString(), null, null, null);
        await db.SaveChangesAsync();
        if (scheme == IdentityConstants.ApplicationScheme) await SignInAgainAsync(user, scheme);
        return codes;
    }

    /// <summary>New recovery codes (the old ones stop working); null when the two-step sign-in is off.</summary>
    public async Task<IReadOnlyList<string>?> RegenerateRecoveryCodesAsync(ApplicationUser user)
    {
        if (!await users.GetTwoFactorEnabledAsync(user)) return null;
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        audit.Record("Accounts", "TwoFactorRecoveryCodesRenewed", user.Email ?? user.Id.ToString(), null, null, null);
        await db.SaveChangesAsync();
        return codes;
    }

    /// <summary>Turns it off (tenant users only: required for Staff and Treasury) and forgets the key.</summary>
    public async Task DisableAsync(ApplicationUser user, string scheme)
    {
        if (await MustUseTwoFactorAsync(user))
            throw new ForbiddenException("La validation en deux étapes est obligatoire pour les agents du syndicat et de la trésorerie.");
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        audit.Record("Accounts", "TwoFactorDisabled", user.Email ?? user.Id.ToString(), null, null, null);
        await db.SaveChangesAsync();
        if (scheme == IdentityConstants.ApplicationScheme) await SignInAgainAsync(user, scheme);
    }

    private async Task<bool> MustUseTwoFactorAsync(ApplicationUser user)
    {
        foreach (var role in CredentialOptions.TwoFactorRequiredRoles)
            if (await users.IsInRoleAsync(user, role)) return true;
        return false;
    }

    private async Task SignInAgainAsync(ApplicationUser user, string scheme)
    {
        signIn.AuthenticationScheme = scheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", user.TwoFactorEnabled ? "mfa" : "pwd")]);
    }

    /// <summary>"ABCD EFGH …": groups of four, easier to type.</summary>
    private static string FormatKey(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();

    private static string QrCodeSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(5, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new ConflictException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}

public static class CredentialSetup
{
    public const string PasswordResetThrottle = "password-reset";

    /// <summary>
    /// The password and two-step services. Forgot-password requests are limited like sign-ins, with their own
    /// counters (<c>RateLimiting:PasswordReset:*</c>, same keys and defaults as <c>RateLimiting:SignIn</c>).
    /// </summary>
    public static IServiceCollection AddCredentialFlows(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = new SignInRateLimitOptions();
        configuration.GetSection("RateLimiting:PasswordReset").Bind(limits);
        services.AddKeyedSingleton(PasswordResetThrottle, (_, _) => new SignInThrottle(Options.Create(limits)));
        services.AddScoped<Credentials>();
        return services;
    }
}
