using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace SommeNumerique.Saas.Web.Api;

/// <summary>
/// Writes every error of <c>/api</c> as <c>application/problem+json</c>, whatever the request's <c>Accept</c>
/// header: the framework's writer refuses when the client asked for a PDF or XML only, which left the error
/// without a body (or turned it into a 500 in the exception handler). A client that asked for a file and gets
/// an error still learns why.
/// </summary>
public sealed class ApiProblemDetailsWriter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    // Titles of the answers the framework gives without an exception (status code pages).
    private static readonly Dictionary<int, string> FrenchTitles = new()
    {
        [StatusCodes.Status400BadRequest] = "Requête invalide",
        [StatusCodes.Status401Unauthorized] = "Authentification requise",
        [StatusCodes.Status403Forbidden] = "Accès refusé",
        [StatusCodes.Status404NotFound] = "Introuvable",
        [StatusCodes.Status405MethodNotAllowed] = "Méthode non autorisée",
        [StatusCodes.Status409Conflict] = "Conflit",
        [StatusCodes.Status413PayloadTooLarge] = "Requête trop volumineuse",
        [StatusCodes.Status415UnsupportedMediaType] = "Type de contenu non pris en charge",
        [StatusCodes.Status422UnprocessableEntity] = "Règle de gestion non respectée",
        [StatusCodes.Status429TooManyRequests] = "Trop de requêtes",
        [StatusCodes.Status500InternalServerError] = "Erreur interne",
    };

    public bool CanWrite(ProblemDetailsContext context) => IsApi(context.HttpContext.Request);

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= FrenchTitles.TryGetValue(problem.Status.Value, out var title) ? title : ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Type ??= $"https://httpwg.org/specs/rfc9110.html#status.{problem.Status.Value}";
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        var typeInfo = json.Value.SerializerOptions.GetTypeInfo(problem.GetType());
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, typeInfo, ContentType, http.RequestAborted));
    }
}

public static class ApiProblemDetails
{
    /// <summary>
    /// Problem details for the whole application, the API's writer first (so it answers for <c>/api</c> before
    /// the framework's writer looks at <c>Accept</c>), and minimal API binding errors raised as exceptions in
    /// every environment, so that <see cref="ProblemDetailsExceptionHandler"/> answers them in French.
    /// </summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, ApiProblemDetailsWriter>());
        services.AddProblemDetails();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}
