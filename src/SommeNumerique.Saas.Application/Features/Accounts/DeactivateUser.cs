using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>
/// Staff: deactivate an account (LockoutEnd = max, new security stamp: its sessions end and it cannot sign in). Its
/// memberships are kept, so that a reactivation gives back the same access. Nobody deactivates their own account.
/// </summary>
public static class DeactivateUser
{
    [SentBy(Caller.Staff)]
    public sealed record Command(Guid Id) : ICommand<UserView>;

    public sealed class Handler(ISaasDbContext db, ICurrentUser user, UserManager<ApplicationUser> users, AuditTrail audit, TimeProvider clock)
        : ICommandHandler<Command, UserView>
    {
        public async ValueTask<UserView> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Id == user.UserId) throw new ForbiddenException("Vous ne pouvez pas désactiver votre propre compte.");
            var account = await users.FindByIdAsync(command.Id.ToString()) ?? throw new NotFoundException("Compte introuvable.");
            var now = clock.GetUtcNow();
            if (!account.IsDeactivatedAt(now))
            {
                await users.SetLockoutEnabledAsync(account, true);
                await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue);
                await users.UpdateSecurityStampAsync(account);
                audit.Record(AccountRules.AuditArea, "DeactivateUser", account.Email ?? account.Id.ToString(), new { Active = true }, new { Active = false }, justification: null);
            }
            return (await UserView.DescribeAsync([account], db, users, now, cancellationToken))[0];
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/users/{id:guid}/deactivate", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id), ct)))
            .RequireCallerOf<Command>()
            .WithName("DeactivateUser")
            .WithSummary("Désactiver un compte : ses sessions prennent fin, il ne peut plus se connecter (agents du syndicat).");
}
