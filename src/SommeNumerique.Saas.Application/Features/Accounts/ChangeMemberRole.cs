using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Accounts;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Accounts;

/// <summary>
/// Change a member's role in a tenant (TenantAdmin or TenantUser). A tenant's administrator cannot leave the tenant
/// without administrator (409); staff can.
/// </summary>
public static class ChangeMemberRole
{
    public sealed record Body(string? Role);

    [SentBy(Caller.TenantAdmin)]
    public sealed record Command(Guid TenantId, Guid UserId, Body Body) : ICommand<ListTenantMembers.MemberView>, IRequireTenantAccess;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Role).NotEmpty().WithMessage("Le rôle est obligatoire.")
                .Must(r => r is null || Invitation.TenantRoles.Contains(r)).WithMessage("Rôle inconnu : TenantAdmin ou TenantUser.");
            RuleFor(c => c.Body.Role).XmlSafeText();
        }
    }

    public sealed class Handler(
        ISaasDbContext db, ICurrentUser user, UserManager<ApplicationUser> users, AuditTrail audit, TimeProvider clock)
        : ICommandHandler<Command, ListTenantMembers.MemberView>
    {
        public async ValueTask<ListTenantMembers.MemberView> Handle(Command command, CancellationToken cancellationToken)
        {
            var role = Enum.Parse<TenantRole>(command.Body.Role!);
            var member = await ListTenantMembers.LoadForChangeAsync(db, user, command.TenantId, command.UserId,
                losesAdminRole: role != TenantRole.TenantAdmin, cancellationToken);
            if (member.Role == role) return await Describe(member);
            var before = member.Role.ToString();
            member.ChangeRole(role);
            audit.Record(AccountRules.AuditArea, "ChangeMemberRole", $"{command.TenantId}/{command.UserId}",
                new { Role = before }, new { Role = role.ToString() }, justification: null);
            return await Describe(member);
        }

        private async Task<ListTenantMembers.MemberView> Describe(TenantMember member)
        {
            var account = await users.FindByIdAsync(member.UserId.ToString());
            return new ListTenantMembers.MemberView(member.UserId, account?.Email, account?.DisplayName ?? "", member.Role.ToString(),
                AccountRules.RoleLabel(member.Role.ToString()), member.GrantedAt,
                account is not null && !account.IsDeactivatedAt(clock.GetUtcNow()));
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapPut("/tenants/{id:guid}/members/{userId:guid}", async (Guid id, Guid userId, Body body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id, userId, body), ct)))
            .RequireCallerOf<Command>()
            .WithName("ChangeMemberRole")
            .WithSummary("Changer le rôle d'un membre (TenantAdmin ou TenantUser) ; la collectivité garde au moins un administrateur.");
}
