using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Accounts;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>
/// Accept an invitation with the token of its link (anonymous: the link proves the mailbox). A new person chooses a
/// display name and a password (the account is created with its e-mail confirmed); an existing account is attached
/// to the invitation's tenants (or given its global role) and signs in as before. A used, revoked, expired or unknown
/// token is refused with a French message and changes nothing.
/// </summary>
public static class AcceptInvitation
{
    public const string UnknownTokenMessage =
        "Ce lien d'invitation n'est pas valide : il a pu être remplacé par un nouvel envoi. Utilisez le lien du dernier e-mail reçu.";

    [SentBy(Caller.Anyone)]
    public sealed record Command(string? Token, string? DisplayName, string? Password) : ICommand<Accepted>;

    /// <param name="AccountCreated">False when an existing account was attached: sign in with its password.</param>
    public sealed record Accepted(Guid UserId, string Email, bool AccountCreated, string Role, IReadOnlyList<string> Tenants, string Message);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty().WithMessage("Le lien d'invitation est incomplet (jeton manquant).").MaximumLength(200);
            RuleFor(c => c.DisplayName).MaximumLength(100).WithMessage("Le nom affiché compte au plus 100 caractères.");
            RuleFor(c => c.Password).MaximumLength(200);
            RuleFor(c => c.Token).XmlSafeText();
            RuleFor(c => c.DisplayName).XmlSafeText();
            RuleFor(c => c.Password).XmlSafeText();
        }
    }

    /// <summary>The usable invitation of <paramref name="token"/>, or the French refusal.</summary>
    public static async Task<Invitation> FindUsableAsync(ISaasDbContext db, string token, DateTimeOffset now, CancellationToken ct)
    {
        var hash = AccountRules.Hash(token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct)
            ?? throw new NotFoundException(UnknownTokenMessage);
        invitation.EnsureUsable(now);
        return invitation;
    }

    public sealed class Handler(
        ISaasDbContext db, UserManager<ApplicationUser> users, RoleManager<ApplicationRole> roles, IHostScopeElevation hostScope,
        AuditTrail audit, TimeProvider clock)
        : ICommandHandler<Command, Accepted>
    {
        public async ValueTask<Accepted> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var invitation = await FindUsableAsync(db, command.Token!, now, cancellationToken);
            // The token names the tenants: from here on the request adds the person to them, whoever sends it.
            hostScope.ActAsHost();

            var user = await users.FindByEmailAsync(invitation.Email);
            var created = user is null;
            if (user is null)
            {
                var failures = new List<ValidationFailure>();
                if (string.IsNullOrWhiteSpace(command.DisplayName))
                    failures.Add(new ValidationFailure(nameof(Command.DisplayName), "Indiquez votre nom, tel qu'il s'affichera (ex. : Marie Dupont)."));
                if (string.IsNullOrEmpty(command.Password))
                    failures.Add(new ValidationFailure(nameof(Command.Password), "Choisissez un mot de passe."));
                if (failures.Count > 0) throw new ValidationException(failures);

                user = new ApplicationUser
                {
                    UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = command.DisplayName!.Trim(),
                };
                // Checks the password rules before anything is written (Identity saves the account at once).
                var result = await users.CreateAsync(user, command.Password!);
                if (!result.Succeeded)
                    throw new ValidationException(result.Errors.Select(e => new ValidationFailure(
                        e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(Command.Password) : nameof(Command.Token), e.Description)));
            }

            if (invitation.IsGlobal)
            {
                if (!await roles.RoleExistsAsync(invitation.Role)) await roles.CreateAsync(new ApplicationRole(invitation.Role));
                if (!await users.IsInRoleAsync(user, invitation.Role)) await users.AddToRoleAsync(user, invitation.Role);
            }
            else
            {
                var ids = invitation.Tenants.Select(t => t.TenantId).ToList();
                var memberOf = await db.TenantMembers.Where(m => m.UserId == user.Id && ids.Contains(m.TenantId)).Select(m => m.TenantId).ToListAsync(cancellationToken);
                foreach (var tenantId in ids.Except(memberOf))
                    db.TenantMembers.Add(TenantMember.Grant(tenantId, user.Id, invitation.TenantRole!.Value, now));
            }
            invitation.Accept(user.Id, now);
            var tenantIds = invitation.Tenants.Select(t => t.TenantId).ToList();
            var names = await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id)).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
            audit.Record(AccountRules.AuditArea, "AcceptInvitation", invitation.Email, null,
                new { InvitationId = invitation.Id, UserId = user.Id, invitation.Role, Tenants = tenantIds, AccountCreated = created }, justification: null);

            var what = invitation.IsGlobal ? AccountRules.RoleLabel(invitation.Role) : string.Join(", ", names);
            var message = created
                ? $"Votre compte est créé et l'invitation acceptée ({what}). Connectez-vous avec {invitation.Email} et le mot de passe choisi."
                : $"Invitation acceptée : votre compte existant a désormais accès à {what}. Connectez-vous avec votre mot de passe habituel.";
            return new Accepted(user.Id, invitation.Email, created, invitation.Role, names, message);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/invitations/accept", async (Command command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command, ct)))
            .RequireCallerOf<Command>()
            .WithName("AcceptInvitation")
            .WithSummary("Accepter une invitation avec le jeton de son lien (nouvelle personne : nom et mot de passe ; compte existant : rattaché).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

/// <summary>What the invitation page shows before the person accepts (anonymous, by token).</summary>
public static class DescribeInvitation
{
    [SentBy(Caller.Anyone)]
    public sealed record Query(string? Token) : IQuery<Description>;

    public sealed record Description(string Email, string Role, string RoleLabel, IReadOnlyList<string> Tenants, bool ExistingAccount, DateTimeOffset ExpiresAt);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Token).NotEmpty().WithMessage("Le lien d'invitation est incomplet (jeton manquant).").MaximumLength(200);
            RuleFor(q => q.Token).XmlSafeText();
        }
    }

    public sealed class Handler(ISaasDbContext db, UserManager<ApplicationUser> users, TimeProvider clock) : IQueryHandler<Query, Description>
    {
        public async ValueTask<Description> Handle(Query query, CancellationToken cancellationToken)
        {
            var invitation = await AcceptInvitation.FindUsableAsync(db, query.Token!, clock.GetUtcNow(), cancellationToken);
            var ids = invitation.Tenants.Select(t => t.TenantId).ToList();
            var names = await db.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
            return new Description(invitation.Email, invitation.Role, AccountRules.RoleLabel(invitation.Role), names,
                await users.FindByEmailAsync(invitation.Email) is not null, invitation.ExpiresAt);
        }
    }
}
