using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Email;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>Re-send an invitation (pending or expired): a new token and a new expiry, a new e-mail; the previous link stops working.</summary>
public static class ResendInvitation
{
    [SentBy(Caller.TenantAdmin)]
    public sealed record Command(Guid Id) : ICommand<InvitationView>;

    public sealed class Handler(
        ISaasDbContext db, ITenantContext tenantContext, ICurrentUser user, AuditTrail audit, IEmailOutbox outbox, PortalLinks links,
        IOptions<AccountsOptions> options, TimeProvider clock)
        : ICommandHandler<Command, InvitationView>
    {
        public async ValueTask<InvitationView> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await InvitationAccess.LoadAsync(db, user, tenantContext, command.Id, cancellationToken);
            var now = clock.GetUtcNow();
            var before = new { invitation.ExpiresAt, invitation.SendCount };
            var (token, hash) = AccountRules.NewToken();
            invitation.Renew(hash, now, AccountRules.ExpiryFrom(now, options));
            await AccountRules.SendAsync(invitation, token, db, outbox, links, user, cancellationToken);
            audit.Record(AccountRules.AuditArea, "ResendInvitation", invitation.Email, before, new { invitation.ExpiresAt, invitation.SendCount }, justification: null);
            return (await InvitationView.DescribeAsync([invitation], db, now, cancellationToken))[0];
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPost("/invitations/{id:guid}/resend", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id), ct)))
            .RequireCallerOf<Command>()
            .WithName("ResendInvitation")
            .WithSummary("Renvoyer une invitation : nouveau lien et nouvelle échéance, l'ancien lien ne fonctionne plus.");
}
