using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>Revoke an invitation not yet accepted: its link is refused from now on.</summary>
public static class RevokeInvitation
{
    [SentBy(Caller.TenantAdmin)]
    public sealed record Command(Guid Id) : ICommand<InvitationView>;

    public sealed class Handler(ISaasDbContext db, ITenantContext tenantContext, ICurrentUser user, AuditTrail audit, TimeProvider clock)
        : ICommandHandler<Command, InvitationView>
    {
        public async ValueTask<InvitationView> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await InvitationAccess.LoadAsync(db, user, tenantContext, command.Id, cancellationToken);
            var now = clock.GetUtcNow();
            invitation.Revoke(now);
            audit.Record(AccountRules.AuditArea, "RevokeInvitation", invitation.Email, null, new { invitation.Id, invitation.RevokedAt }, justification: null);
            return (await InvitationView.DescribeAsync([invitation], db, now, cancellationToken))[0];
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/invitations/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id), ct)))
            .RequireCallerOf<Command>()
            .WithName("RevokeInvitation")
            .WithSummary("Annuler une invitation non encore acceptée.");
}
