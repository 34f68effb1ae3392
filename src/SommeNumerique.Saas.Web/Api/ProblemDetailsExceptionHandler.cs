using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Web.Api;

/// <summary>
/// Turns the exceptions the application raises into RFC 9457 problem details: validation (400, with field
/// errors), sign-in required (401), not found (404), forbidden and tenant mismatch (403), conflicts and concurrent changes (409),
/// business rules (422). Anything else is a 500 without internals.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException v => new HttpValidationProblemDetails(
                v.Errors.GroupBy(e => FieldNames.ErrorKey(e.PropertyName, BodyType(http)))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "La requête contient des erreurs",
            },
            SignInRequiredException => Problem(StatusCodes.Status401Unauthorized, "Connexion requise", exception.Message),
            NotFoundException => Problem(StatusCodes.Status404NotFound, "Introuvable", exception.Message),
            ForbiddenException or TenantMismatchException => Problem(StatusCodes.Status403Forbidden, "Accès refusé", exception.Message),
            ConflictException => Problem(StatusCodes.Status409Conflict, "Conflit", exception.Message),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "Modification concurrente",
                "Cet élément a été modifié entre-temps. Rechargez-le puis recommencez."),
            ConcurrentChangeException => Problem(StatusCodes.Status409Conflict, "Modification concurrente", exception.Message),
            FieldConflictException c => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [c.Field] = [c.Message] })
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflit",
                Detail = c.Message,
            },
            FieldRulesException r => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [r.Field] = r.Messages.ToArray() })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Règle de gestion non respectée",
                Detail = r.Message,
            },
            FieldRuleException f => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [f.Field] = [f.Message] })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Règle de gestion non respectée",
                Detail = f.Message,
            },
            DomainException => Problem(StatusCodes.Status422UnprocessableEntity, "Règle de gestion non respectée", exception.Message),
            Application.Features.Payments.PaymentProviderException => Problem(StatusCodes.Status502BadGateway, "Paiement en ligne indisponible", exception.Message),
            BadHttpRequestException bad => BadRequestProblems.From(bad),
            _ => null,
        };
        if (problem is null) return false;

        http.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    // The JSON body the endpoint reads, to name field errors as the client sent them (the handler runs after the
    // exception handler middleware has cleared the endpoint: it keeps it in its feature).
    private static Type? BodyType(HttpContext http) =>
        (http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint())?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
}
