using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Infrastructure.Identity;

/// <summary>Settings of the password links and of the two-step sign-in (configuration section <c>Identity</c>).</summary>
public sealed class CredentialOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// How long a set / reset password link (forgot password, first administrator) stays valid; it dies earlier when
    /// used or when the password or the security stamp changes. Default 3 days.
    /// </summary>
    public TimeSpan PasswordLinkLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The issuer shown by authenticator applications.</summary>
    public const string AuthenticatorIssuer = "Somme Numérique";

    /// <summary>The roles that must use the two-step sign-in (TOTP): the syndicate's and the treasury's agents.</summary>
    public static readonly string[] TwoFactorRequiredRoles = [Roles.Staff, Roles.Treasury];
}

public static class CredentialsSetup
{
    /// <summary>Password link lifetime (Identity's data-protection token provider) and the per-request session check.</summary>
    public static IServiceCollection AddCredentials(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(CredentialOptions.Section);
        services.Configure<CredentialOptions>(section);
        services.Configure<DataProtectionTokenProviderOptions>(o =>
            o.TokenLifespan = section.GetValue<TimeSpan?>(nameof(CredentialOptions.PasswordLinkLifetime)) ?? TimeSpan.FromDays(3));
        services.AddScoped<AdminCommand>();
        return services;
    }
}
