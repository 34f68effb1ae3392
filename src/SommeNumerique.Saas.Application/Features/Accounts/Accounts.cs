using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Email;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Domain.Accounts;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>Settings of the "Accounts" section.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>How long an invitation link is valid (default 7 days; "7.00:00:00").</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>What is shared by the account and invitation use cases: tokens, labels, the e-mail.</summary>
public static class AccountRules
{
    public const string AuditArea = "Accounts";

    /// <summary>A new random token (256 bits, base64url) and the hash stored in its place.</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));

    public static string RoleLabel(string role) => role switch
    {
        nameof(TenantRole.TenantAdmin) => "administrateur de la collectivité",
        nameof(TenantRole.TenantUser) => "utilisateur de la collectivité",
        Roles.Staff => "agent du syndicat",
        Roles.Treasury => "agent de la trésorerie",
        _ => role,
    };

    public static string StatusCode(InvitationStatus status) => status.ToString().ToLowerInvariant();

    public static string StatusLabel(InvitationStatus status) => status switch
    {
        InvitationStatus.Pending => "En attente",
        InvitationStatus.Accepted => "Acceptée",
        InvitationStatus.Revoked => "Annulée",
        InvitationStatus.Expired => "Expirée",
        _ => status.ToString(),
    };

    /// <summary>Queues the invitation e-mail with the link of <paramref name="token"/>.</summary>
    public static async Task SendAsync(
        Invitation invitation, string token, ISaasDbContext db, IEmailOutbox outbox, PortalLinks links, ICurrentUser user, CancellationToken ct)
    {
        var ids = invitation.Tenants.Select(t => t.TenantId).ToList();
        var names = await db.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(ct);
        var what = invitation.IsGlobal ? "l'équipe de Somme Numérique" : string.Join(", ", names);
        var invitedBy = user.DisplayName ?? user.Email ?? invitation.InvitedBy ?? "Somme Numérique";
        outbox.Enqueue(EmailTemplates.Invitation(
            invitation.Email, invitedBy, what, RoleLabel(invitation.Role),
            links.To("/Account/Invitation?token=" + Uri.EscapeDataString(token)), invitation.ExpiresAt));
    }

    public static DateTimeOffset ExpiryFrom(DateTimeOffset now, IOptions<AccountsOptions> options) =>
        now + (options.Value.InvitationLifetime > TimeSpan.Zero ? options.Value.InvitationLifetime : TimeSpan.FromDays(7));
}

/// <summary>An invitation as lists show it.</summary>
public sealed record InvitationView(
    Guid Id, string Email, string Role, string RoleLabel, IReadOnlyList<InvitationView.TenantRef> Tenants, string Status, string StatusLabel,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset LastSentAt, int SendCount, string? InvitedBy,
    DateTimeOffset? AcceptedAt, DateTimeOffset? RevokedAt)
{
    public sealed record TenantRef(Guid Id, string Name);

    public static async Task<List<InvitationView>> DescribeAsync(IReadOnlyList<Invitation> invitations, ISaasDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var ids = invitations.SelectMany(i => i.Tenants.Select(t => t.TenantId)).Distinct().ToList();
        var names = await db.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return invitations.Select(i =>
        {
            var status = i.StatusAt(now);
            return new InvitationView(
                i.Id, i.Email, i.Role, AccountRules.RoleLabel(i.Role),
                i.Tenants.Select(t => new TenantRef(t.TenantId, names.GetValueOrDefault(t.TenantId, "?"))).OrderBy(t => t.Name).ToList(),
                AccountRules.StatusCode(status), AccountRules.StatusLabel(status), i.CreatedAt, i.ExpiresAt, i.LastSentAt, i.SendCount,
                i.InvitedBy, i.AcceptedAt, i.RevokedAt);
        }).ToList();
    }
}
