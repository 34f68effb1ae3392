using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.Identity;

/// <summary>
/// <c>dotnet run --project src/SommeNumerique.Saas.Web -- admin create --email x@y --role Staff|Treasury [--name "…"]</c>:
/// the first administrator of an install (or any later one), without a default password. Run by Program.cs instead of
/// the web host, with the same configuration and database. Creates the account without a password, or re-activates an
/// existing one (lockout cleared, role added), and prints a one-time link that sets its password
/// (<c>/Account/ResetPassword?user=…&amp;code=…</c>, valid <c>Identity:PasswordLinkLifetime</c>). Recorded in the audit log.
/// </summary>
public sealed class AdminCommand(
    SaasDbContext db, DatabaseOptions database, TenantContext tenant, UserManager<ApplicationUser> users,
    RoleManager<ApplicationRole> roles, AuditTrail audit, PortalLinks links, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<CredentialOptions> options)
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public const string Usage =
        "Usage : admin create --email <adresse e-mail> --role Staff|Treasury [--name \"Nom affiché\"]\n" +
        "  Crée (ou réactive) un compte d'agent du syndicat (Staff) ou de la trésorerie (Treasury) et affiche\n" +
        "  un lien à usage unique pour choisir son mot de passe.";

    /// <summary>True when the process was started for an admin command rather than the web host.</summary>
    public static bool IsAdminCommand(string[] args) => args.Length > 0 && args[0] == "admin";

    /// <summary>Runs the command in its own scope; the exit code of the process.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (Parse(args) is not { } request)
        {
            await error.WriteLineAsync(Usage);
            return BadArguments;
        }
        await using var scope = services.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<AdminCommand>().CreateAsync(request, output, error);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"Échec : {e.Message}");
            return Failed;
        }
    }

    public sealed record Request(string Email, string Role, string? Name);

    /// <summary>Reads <c>admin create --email … --role … [--name …]</c>; null when anything is missing, unknown or invalid.</summary>
    public static Request? Parse(string[] args)
    {
        if (args.Length < 2 || args[0] != "admin" || args[1] != "create") return null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 2; i < args.Length; i++)
        {
            var key = args[i];
            if (key is not ("--email" or "--role" or "--name") || i + 1 >= args.Length || values.ContainsKey(key)) return null;
            values[key] = args[++i].Trim();
        }
        if (!values.TryGetValue("--email", out var email) || !values.TryGetValue("--role", out var roleText)) return null;
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Length > 256) return null;
        var role = CredentialOptions.TwoFactorRequiredRoles.FirstOrDefault(r => string.Equals(r, roleText, StringComparison.OrdinalIgnoreCase));
        if (role is null) return null;
        values.TryGetValue("--name", out var name);
        if (name is not null && (name.Length is 0 or > 200 || name.Any(char.IsControl))) return null;
        return new Request(email, role, name);
    }

    public async Task<int> CreateAsync(Request request, TextWriter output, TextWriter error)
    {
        tenant.UseHost();
        if (database.MigrateOnStartup) await db.Database.MigrateAsync();
        if (!await roles.RoleExistsAsync(request.Role)) Check(await roles.CreateAsync(new ApplicationRole(request.Role)));

        var user = await users.FindByEmailAsync(request.Email);
        var created = user is null;
        object? before = null;
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = request.Email, Email = request.Email, EmailConfirmed = true,
                DisplayName = request.Name ?? request.Email,
            };
            Check(await users.CreateAsync(user)); // no password: the link sets it
        }
        else
        {
            before = new { user.Email, user.DisplayName, user.LockoutEnd, Roles = await users.GetRolesAsync(user) };
            if (request.Name is not null) user.DisplayName = request.Name;
            user.LockoutEnd = null;
            Check(await users.UpdateAsync(user));
        }
        if (!await users.IsInRoleAsync(user, request.Role)) Check(await users.AddToRoleAsync(user, request.Role));

        var link = links.To(PasswordLinks.PathFor(user.Id, await users.GeneratePasswordResetTokenAsync(user)));
        audit.Record("Accounts", created ? "AdminAccountCreated" : "AdminAccountReactivated", user.Email!, before,
            new { user.Email, user.DisplayName, Role = request.Role }, "Commande « admin create »");
        await db.SaveChangesAsync();

        var expires = clock.GetUtcNow().Add(options.Value.PasswordLinkLifetime);
        await output.WriteLineAsync(created
            ? $"Compte {request.Role} créé : {user.Email}"
            : $"Compte {user.Email} réactivé (rôle {request.Role}).");
        await output.WriteLineAsync($"Lien d'activation (à usage unique, valable jusqu'au {expires:yyyy-MM-dd HH:mm} UTC) :");
        await output.WriteLineAsync(link);
        await output.WriteLineAsync("La validation en deux étapes sera demandée à la première connexion.");
        return Ok;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
