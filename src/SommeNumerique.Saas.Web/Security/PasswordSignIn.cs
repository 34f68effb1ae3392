using SommeNumerique.Saas.Application.Identity;
using System.Net;
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
}

/// <summary>
/// The one sign-in of the portal (cookie) and the API (bearer token). Every attempt is throttled per client address
/// and per e-mail (with ASP.NET Core's rate limiters), then costs one password hash check whatever the account: an
/// unknown e-mail is checked against a dummy hash, a locked or not allowed account too (Identity returns before
/// hashing for them). The caller answers <see cref="SignInOutcome.Refused"/> with one message for all of them.
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

    /// <summary>Signs in with <paramref name="scheme"/> (cookie or bearer) when the password is right and the limits allow it.</summary>
    public async Task<(SignInOutcome Outcome, TimeSpan RetryAfter)> SignInAsync(
        string email, string password, IPAddress? client, string scheme)
    {
        if (!throttle.TryAcquire(email, client, out var retryAfter)) return (SignInOutcome.Throttled, retryAfter);

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            hasher.VerifyHashedPassword(DummyUser, throttle.DummyHash(hasher), password);
            return (SignInOutcome.Refused, TimeSpan.Zero);
        }
        signIn.AuthenticationScheme = scheme;
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded) return (SignInOutcome.Succeeded, TimeSpan.Zero);
        if (result.IsLockedOut || result.IsNotAllowed) hasher.VerifyHashedPassword(user, throttle.DummyHash(hasher), password);
        return (SignInOutcome.Refused, TimeSpan.Zero);
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
