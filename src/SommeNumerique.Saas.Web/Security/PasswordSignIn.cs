using SommeNumerique.Saas.Application.Identity;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Infrastructure.Identity;

namespace SommeNumerique.Saas.Web.Security;

/// <summary>
/// Limits of sign-in attempts (<c>RateLimiting:SignIn</c>), fixed windows: per client address, per e-mail from one
/// address, and per e-mail from all addresses together. Every attempt counts, successful or not.
/// </summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = "RateLimiting:SignIn";

    /// <summary>Attempts from one client address, whatever the e-mails, per <see cref="PerIpWindow"/>.</summary>
    public int PerIpPermitLimit { get; set; } = 30;
    public TimeSpan PerIpWindow { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Attempts naming one e-mail from one address: one source guessing one account.</summary>
    public int PerAccountAndIpPermitLimit { get; set; } = 5;
    public TimeSpan PerAccountAndIpWindow { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Attempts naming one e-mail from all addresses: bounds guessing one account from many sources.</summary>
    public int PerAccountPermitLimit { get; set; } = 50;
    public TimeSpan PerAccountWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>How a sign-in attempt ended. Unknown account, wrong password, locked or not allowed: the same <see cref="Refused"/>.</summary>
public enum SignInOutcome
{
    Succeeded,
    Refused,
    Throttled,
    /// <summary>Right password, the account uses the two-step sign-in: a code (or recovery code) is needed. Portal: go to /Account/LoginWith2fa.</summary>
    TwoFactorRequired,
    /// <summary>Right password, wrong authenticator or recovery code.</summary>
    TwoFactorWrong,
    /// <summary>Right password, a Staff or Treasury account that has not enrolled in the two-step sign-in yet (API only: the portal enrols it).</summary>
    EnrolmentRequired,
}

/// <summary>
/// The one sign-in of the portal (cookie) and the API (bearer token). Every attempt is throttled per client address
/// and per e-mail (with ASP.NET Core's rate limiters), then costs one password hash check whatever the account: an
/// unknown e-mail is checked against a dummy hash, a locked or not allowed account too (Identity returns before
/// hashing for them). The caller answers <see cref="SignInOutcome.Refused"/> with one message for all of them.
/// Then, for an account with the two-step sign-in (TOTP, Identity's authenticator provider): the API needs the code
/// (or a recovery code, used once) in the same request; the portal asks it on <c>/Account/LoginWith2fa</c>
/// (<see cref="SecondStepAsync"/>, throttled the same way). Staff and Treasury must have it: the API refuses them until
/// they have enrolled in the portal, the portal signs them in and sends them to the enrolment page.
/// </summary>
/// <remarks>
/// Identity's lockout on failures is not used (<c>lockoutOnFailure: false</c>): it let anyone lock the staff and
/// treasury accounts for 15 minutes with five wrong passwords from anywhere, and it answered differently for real
/// accounts. The limits replace it: one address guessing one account is slowed to a few tries per window without
/// touching that account for anyone else (per e-mail and address); many addresses together are bounded by the
/// higher per-e-mail limit, the only one an attacker can use to refuse an account to everyone, and only with many
/// addresses and while it keeps sending. Over a limit the attempt is refused without checking the password, for
/// any e-mail string alike. An account locked by an administrator (LockoutEnd) stays locked.
/// </remarks>
public sealed class PasswordSignIn(
    SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, IPasswordHasher<ApplicationUser> hasher,
    SignInThrottle throttle)
{
    public const string RefusedMessage = "Adresse e-mail ou mot de passe incorrect.";
    public const string CodeRequiredMessage = "Code de vérification requis : ce compte utilise la validation en deux étapes (code de l'application d'authentification ou code de récupération).";
    public const string CodeWrongMessage = "Code de vérification incorrect.";
    public const string EnrolmentRequiredMessage = "La validation en deux étapes est obligatoire pour ce compte : connectez-vous une première fois au portail pour l'activer (page « Validation en deux étapes »), puis utilisez le code de votre application d'authentification.";
    /// <summary>The Identity claim of the authentication methods ("pwd", "mfa").</summary>
    private const string AuthenticationMethodClaim = "amr";

    /// <summary>
    /// Signs in with <paramref name="scheme"/> (cookie or bearer) when the password is right and the limits allow it;
    /// for an account with the two-step sign-in, the bearer scheme needs <paramref name="twoFactorCode"/> or
    /// <paramref name="recoveryCode"/>, the cookie scheme leaves the second step to <see cref="SecondStepAsync"/>.
    /// </summary>
    public async Task<(SignInOutcome Outcome, TimeSpan RetryAfter)> SignInAsync(
        string email, string password, IPAddress? client, string scheme, string? twoFactorCode = null, string? recoveryCode = null)
    {
        if (!throttle.TryAcquire(email, client, out var retryAfter)) return (SignInOutcome.Throttled, retryAfter);

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(DummyUser, throttle.DummyHash(hasher), password);
            return (SignInOutcome.Refused, TimeSpan.Zero);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            if (result.IsLockedOut || result.IsNotAllowed) hasher.VerifyHashedPassword(user, throttle.DummyHash(hasher), password);
            return (SignInOutcome.Refused, TimeSpan.Zero);
        }

        signIn.AuthenticationScheme = scheme;
        var portal = scheme == IdentityConstants.ApplicationScheme;
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            if (portal)
            {
                // What SignInManager keeps between the two steps: the account's id in the short-lived two-factor cookie.
                var pending = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
                pending.AddClaim(new Claim(ClaimTypes.Name, user.Id.ToString()));
                await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
                return (SignInOutcome.TwoFactorRequired, TimeSpan.Zero);
            }
            if (string.IsNullOrWhiteSpace(twoFactorCode) && string.IsNullOrWhiteSpace(recoveryCode)) return (SignInOutcome.TwoFactorRequired, TimeSpan.Zero);
            if (!await VerifySecondFactorAsync(user, twoFactorCode, recoveryCode)) return (SignInOutcome.TwoFactorWrong, TimeSpan.Zero);
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AuthenticationMethodClaim, "mfa")]);
            return (SignInOutcome.Succeeded, TimeSpan.Zero);
        }
        if (!portal && await MustUseTwoFactorAsync(user)) return (SignInOutcome.EnrolmentRequired, TimeSpan.Zero);

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AuthenticationMethodClaim, "pwd")]);
        return (SignInOutcome.Succeeded, TimeSpan.Zero);
    }

    /// <summary>
    /// The portal's second step: the account waiting in the two-factor cookie, its code or a recovery code. Throttled
    /// with the same limits (per address, per e-mail). <see cref="SignInOutcome.Refused"/> when the first step has
    /// expired (5 minutes) or the account can no longer sign in.
    /// </summary>
    public async Task<(SignInOutcome Outcome, TimeSpan RetryAfter)> SecondStepAsync(string? twoFactorCode, string? recoveryCode, IPAddress? client)
    {
        var user = await PendingSecondStepAsync();
        if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user)) return (SignInOutcome.Refused, TimeSpan.Zero);
        if (!throttle.TryAcquire(user.Email ?? user.Id.ToString(), client, out var retryAfter)) return (SignInOutcome.Throttled, retryAfter);
        if (!await VerifySecondFactorAsync(user, twoFactorCode, recoveryCode)) return (SignInOutcome.TwoFactorWrong, TimeSpan.Zero);

        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AuthenticationMethodClaim, "mfa")]);
        return (SignInOutcome.Succeeded, TimeSpan.Zero);
    }

    /// <summary>The account whose password was right on the first step, while its two-factor cookie lasts.</summary>
    public async Task<ApplicationUser?> PendingSecondStepAsync()
    {
        var pending = await signIn.Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        var id = pending.Principal?.FindFirstValue(ClaimTypes.Name);
        return id is null ? null : await users.FindByIdAsync(id);
    }

    /// <summary>Staff and Treasury must use the two-step sign-in.</summary>
    public async Task<bool> MustUseTwoFactorAsync(ApplicationUser user)
    {
        foreach (var role in CredentialOptions.TwoFactorRequiredRoles)
            if (await users.IsInRoleAsync(user, role)) return true;
        return false;
    }

    /// <summary>An authenticator code (spaces ignored) or a recovery code (spent when it matches).</summary>
    private async Task<bool> VerifySecondFactorAsync(ApplicationUser user, string? twoFactorCode, string? recoveryCode)
    {
        if (!string.IsNullOrWhiteSpace(twoFactorCode))
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider,
                twoFactorCode.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal));
        if (!string.IsNullOrWhiteSpace(recoveryCode))
            return (await users.RedeemTwoFactorRecoveryCodeAsync(user, recoveryCode.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).Succeeded;
        return false;
    }

    private static readonly ApplicationUser DummyUser = new();

    /// <summary>"Réessayez dans 3 minutes." / "dans 40 secondes."</summary>
    public static string ThrottledMessage(TimeSpan retryAfter)
    {
        var wait = retryAfter.TotalSeconds >= 90
            ? $"{Math.Ceiling(retryAfter.TotalMinutes):0} minutes"
            : $"{Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)):0} secondes";
        return $"Trop de tentatives de connexion. Réessayez dans {wait}.";
    }
}

/// <summary>The sign-in limiters (singleton), chained: per client address, per e-mail and address, per e-mail.</summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<(string Email, string Client)> _limiter;
    private string? _dummyHash;

    public SignInThrottle(IOptions<SignInRateLimitOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<(string Email, string Client), string>(key =>
                RateLimitPartition.GetFixedWindowLimiter(key.Client, _ => Window(o.PerIpPermitLimit, o.PerIpWindow))),
            PartitionedRateLimiter.Create<(string Email, string Client), (string, string)>(key =>
                RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(o.PerAccountAndIpPermitLimit, o.PerAccountAndIpWindow))),
            PartitionedRateLimiter.Create<(string Email, string Client), string>(key =>
                RateLimitPartition.GetFixedWindowLimiter(key.Email, _ => Window(o.PerAccountPermitLimit, o.PerAccountWindow))));
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    /// <summary>Takes one attempt; false (with the wait) when one of the limits has used its window.</summary>
    public bool TryAcquire(string email, IPAddress? client, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire((email.Trim().ToUpperInvariant(), client?.ToString() ?? "unknown"));
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    /// <summary>A hash of a random password, made once with the application's hasher (same cost as a real one).</summary>
    public string DummyHash(IPasswordHasher<ApplicationUser> hasher) =>
        _dummyHash ??= hasher.HashPassword(new ApplicationUser(), RandomNumberGenerator.GetHexString(32));

    public void Dispose() => _limiter.Dispose();
}

public static class SignInSetup
{
    /// <summary>The shared sign-in and its limits (<c>RateLimiting:SignIn:*</c>, see README "Configuration").</summary>
    public static IServiceCollection AddSignInThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInRateLimitOptions>(configuration.GetSection(SignInRateLimitOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        return services;
    }
}
