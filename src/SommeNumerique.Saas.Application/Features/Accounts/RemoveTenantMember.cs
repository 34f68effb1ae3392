using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>
/// Remove someone from a tenant: the account stays (other tenants, sign-in) but loses access to this tenant at its next
/// request. A tenant's administrator cannot remove the last administrator (409); staff can.
/// </summary>
public static class RemoveTenantMember
{
    [SentBy(Caller.TenantAdmin)]
    public sealed record Command(Guid TenantId, Guid UserId) : ICommand, IRequireTenantAccess;

    public sealed class Handler(ISaasDbContext db, ICurrentUser user, AuditTrail audit)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var member = await ListTenantMembers.LoadForChangeAsync(db, user, command.TenantId, command.UserId, losesAdminRole: true, cancellationToken);
            db.TenantMembers.Remove(member);
            audit.Record(AccountRules.AuditArea, "RemoveTenantMember", $"{command.TenantId}/{command.UserId}",
                new { member.Role, member.GrantedAt }, null, justification: null);
            return Unit.Value;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/tenants/{id:guid}/members/{userId:guid}", async (Guid id, Guid userId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new Command(id, userId), ct);
                return TypedResults.NoContent();
            })
            .RequireCallerOf<Command>()
            .WithName("RemoveTenantMember")
            .WithSummary("Retirer une personne d'une collectivité (son compte reste) ; la collectivité garde au moins un administrateur.");
}
