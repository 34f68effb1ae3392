using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Infrastructure.Persistence;

namespace SommeNumerique.Saas.Infrastructure.Identity;

/// <summary>A demo account as printed at start-up.</summary>
public sealed record DemoAccount(string Email, string Who, string Tenants);

/// <summary>
/// Development only: the demo accounts, all with the password <c>Demo:Password</c> (generated when unset).
/// Run at every start, so the printed password always works. The Staff and Treasury accounts use the two-step
/// sign-in (required for their roles) with one authenticator key, <c>Demo:AuthenticatorKey</c> (base32; generated
/// and printed when unset): add it to an authenticator application to get their codes.
/// </summary>
public sealed class DemoAccounts(
    UserManager<ApplicationUser> users, RoleManager<ApplicationRole> roles, SaasDbContext db,
    IConfiguration configuration, TimeProvider clock, IUserStore<ApplicationUser> userStore)
{
    public const string StaffEmail = "agent@somme-numerique.test";
    public const string TreasuryEmail = "tresorerie@somme-numerique.test";
    public const string AbbevilleAdminEmail = "admin@abbeville.test";
    public const string SecretaryEmail = "secretaire@communes-somme.test";

    /// <summary>Abbeville (CA de la Baie de Somme, member).</summary>
    public const string AbbevilleInsee = "80001";

    /// <summary>
    /// The secretary's three small communes, each in a different EPCI: Ercourt (80280, CC du Vimeu, member),
    /// Vitz-sur-Authie (80810, CC du Ternois, non-member) and Aumâtre (80040, CC Somme Sud-Ouest, member).
    /// </summary>
    public static readonly string[] SecretaryCommunesInsee = ["80280", "80810", "80040"];

    public async Task<(string Password, IReadOnlyList<DemoAccount> Accounts)> EnsureAsync(CancellationToken ct = default)
    {
        var (password, _, accounts) = await EnsureWithKeyAsync(ct);
        return (password, accounts);
    }

    /// <summary>As <see cref="EnsureAsync"/>, with the authenticator key of the Staff and Treasury accounts.</summary>
    public async Task<(string Password, string AuthenticatorKey, IReadOnlyList<DemoAccount> Accounts)> EnsureWithKeyAsync(CancellationToken ct = default)
    {
        var password = configuration["Demo:Password"];
        if (string.IsNullOrWhiteSpace(password)) password = GeneratePassword();
        var authenticatorKey = configuration["Demo:AuthenticatorKey"];
        if (string.IsNullOrWhiteSpace(authenticatorKey)) authenticatorKey = users.GenerateNewAuthenticatorKey();
        authenticatorKey = authenticatorKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

        foreach (var role in new[] { Roles.Staff, Roles.Treasury, Roles.TenantAdmin, Roles.TenantUser })
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new ApplicationRole(role)));

        var abbeville = await db.Tenants.SingleAsync(t => t.InseeCode == AbbevilleInsee, ct);
        var secretaryCommunes = await db.Tenants.Where(t => SecretaryCommunesInsee.Contains(t.InseeCode)).OrderBy(t => t.Name).ToListAsync(ct);

        await EnsureTwoFactor(await EnsureUser(StaffEmail, "Agent du syndicat (démo)", password, Roles.Staff, []), authenticatorKey, ct);
        await EnsureTwoFactor(await EnsureUser(TreasuryEmail, "Agent de la trésorerie (démo)", password, Roles.Treasury, []), authenticatorKey, ct);
        await EnsureUser(AbbevilleAdminEmail, "Administrateur d'Abbeville (démo)", password, null, [(abbeville, TenantRole.TenantAdmin)]);
        await EnsureUser(SecretaryEmail, "Secrétaire de mairie (démo)", password, null,
            secretaryCommunes.Select(t => (t, TenantRole.TenantAdmin)).ToArray());
        await db.SaveChangesAsync(ct);

        return (password, authenticatorKey,
        [
            new(StaffEmail, "agent du syndicat (Staff)", "toutes (back office)"),
            new(TreasuryEmail, "agent de la trésorerie (Treasury)", "toutes (exports, paiements)"),
            new(AbbevilleAdminEmail, "administrateur (TenantAdmin)", abbeville.Name),
            new(SecretaryEmail, "secrétaire de mairie de trois communes (TenantAdmin)", string.Join(", ", secretaryCommunes.Select(c => c.Name))),
        ]);
    }

    private async Task EnsureTwoFactor(ApplicationUser user, string authenticatorKey, CancellationToken ct)
    {
        await ((IUserAuthenticatorKeyStore<ApplicationUser>)userStore).SetAuthenticatorKeyAsync(user, authenticatorKey, ct);
        Check(await users.SetTwoFactorEnabledAsync(user, true)); // saves the key too
    }

    private async Task<ApplicationUser> EnsureUser(string email, string displayName, string password, string? globalRole, (Tenant Tenant, TenantRole Role)[] tenants)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            Check(await users.CreateAsync(user, password));
        }
        else
        {
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, password));
            await users.SetLockoutEndDateAsync(user, null);
        }
        if (globalRole is not null && !await users.IsInRoleAsync(user, globalRole)) Check(await users.AddToRoleAsync(user, globalRole));

        var existing = await db.TenantMembers.IgnoreQueryFilters([TenantIsolation.IsolationRules.FilterName])
            .Where(m => m.UserId == user.Id).Select(m => m.TenantId).ToListAsync();
        foreach (var (tenant, role) in tenants.Where(t => !existing.Contains(t.Tenant.Id)))
            db.TenantMembers.Add(TenantMember.Grant(tenant.Id, user.Id, role, clock.GetUtcNow()));
        return user;
    }

    /// <summary>16 characters from an alphabet without look-alikes, with the classes the policy asks for.</summary>
    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 13).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        return new string(chars.ToArray()) + "Sn7";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Demo accounts: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
