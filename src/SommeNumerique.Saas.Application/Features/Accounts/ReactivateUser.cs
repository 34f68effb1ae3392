using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>Staff: reactivate a deactivated account (same password, same tenants).</summary>
public static class ReactivateUser
{
    [SentBy(Caller.Staff)]
    public sealed record Command(Guid Id) : ICommand<UserView>;

    public sealed class Handler(ISaasDbContext db, UserManager<ApplicationUser> users, AuditTrail audit, TimeProvider clock)
        : ICommandHandler<Command, UserView>
    {
        public async ValueTask<UserView> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await users.FindByIdAsync(command.Id.ToString()) ?? throw new NotFoundException("Compte introuvable.");
            var now = clock.GetUtcNow();
            if (account.IsDeactivatedAt(now))
            {
                await users.SetLockoutEndDateAsync(account, null);
                await users.ResetAccessFailedCountAsync(account);
                audit.Record(AccountRules.AuditArea, "ReactivateUser", account.Email ?? account.Id.ToString(), new { Active = false }, new { Active = true }, justification: null);
            }
            return (await UserView.DescribeAsync([account], db, users, now, cancellationToken))[0];
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/users/{id:guid}/reactivate", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id), ct)))
            .RequireCallerOf<Command>()
            .WithName("ReactivateUser")
            .WithSummary("Réactiver un compte désactivé (agents du syndicat).");
}
