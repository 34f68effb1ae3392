using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.Common.Authorization;
using SommeNumerique.Saas.Application.Email;

namespace SommeNumerique.Saas.Application.Features.Emails;

/// <summary>
/// Staff: try a message again now (one more attempt), typically one given up after the configured attempts once the
/// cause is fixed (SMTP settings, a mistyped address...). A message already sent is refused (409).
/// </summary>
public static class RetryOutboxEmail
{
    [SentBy(Caller.Staff)]
    public sealed record Command(Guid Id) : ICommand<OutboxEmailView>;

    public sealed class Handler(ISaasDbContext db, TimeProvider clock, EmailOutboxSignal signal) : ICommandHandler<Command, OutboxEmailView>
    {
        public async ValueTask<OutboxEmailView> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = await db.OutboxEmails.SingleOrDefaultAsync(e => e.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Message introuvable.");
            email.RetryNow(clock.GetUtcNow());
            signal.WakeAfterSave(db); // saved by the unit of work, then sent at once
            return OutboxEmailView.Of(email);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder admin) =>
        admin.MapPost("/emails/{id:guid}/retry", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new Command(id), ct)))
            .RequireCallerOf<Command>()
            .WithName("RetryOutboxEmail")
            .WithSummary("Renvoyer un e-mail en échec ou en attente (une tentative de plus, tout de suite).");
}
