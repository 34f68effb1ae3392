using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Web.Api;

/// <summary>
/// The API contract published at <c>/openapi/v1.json</c>: unique schema names, numbers typed as numbers (the API
/// reads numbers only as JSON numbers), the bearer scheme on authenticated operations, the optional
/// <c>X-Tenant-Id</c> header where tenant users may call, and the statuses every operation can answer.
/// </summary>
public static class OpenApiContract
{
    public const string DocumentName = "v1";
    public const string BearerScheme = "bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Identité"] = "Connexion et utilisateur connecté.",
        ["Collectivités"] = "Collectivités membres et clientes, leur profil de facturation.",
        ["Catalogue"] = "Le catalogue publié et ses prix pour la collectivité active.",
        ["Abonnements"] = "Devis, souscriptions, changements de quantité et résiliations.",
        ["Facturation"] = "Facturations (aperçu, émission, abandon), pour les agents du syndicat.",
        ["Factures"] = "Factures et avoirs : consultation, PDF, avoirs, paiements reçus.",
        ["Trésorerie"] = "Exports (CSV, PES V2, UBL), paiements par mandat, factures échues et relances.",
        ["Paiements"] = "Paiement en ligne (Stripe) et remboursements à faire.",
        ["Catalogue (administration)"] = "Services, offres et tarifs votés (back office du syndicat).",
        ["Comptes"] = "Invitations, membres des collectivités et comptes des utilisateurs.",
        ["E-mails"] = "File d'envoi des e-mails : envoyés, en attente, en échec ; nouvel essai (agents du syndicat).",
    };

    /// <summary>The JSON options of the minimal APIs and the OpenAPI document built from them.</summary>
    public static IServiceCollection AddApiContract(this IServiceCollection services)
    {
        // The web defaults read "12" as 12: numbers are read as JSON numbers only, so the document says "integer".
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddOpenApi(DocumentName, o =>
        {
            o.CreateSchemaReferenceId = SchemaId;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Somme Numérique — API du catalogue et de la facturation";
                document.Info.Version = DocumentName;
                document.Info.Description = "API v1 du catalogue, des abonnements, de la facturation et de la trésorerie. "
                    + "Les erreurs sont des problem details (RFC 9457) en français.";
                document.Servers = [new OpenApiServer { Url = "/", Description = "Ce serveur" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "Jeton d'accès obtenu par POST /api/v1/auth/login (en-tête Authorization: Bearer …).",
                };
                foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                    tag.Description ??= TagDescriptions.TryGetValue(tag.Name ?? "", out var text) ? text : tag.Name;
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                DescribeFiles(operation, metadata);
                CamelCaseQueryNames(operation);
                if (!RequiresSignIn(metadata))
                {
                    operation.Security = [new OpenApiSecurityRequirement()]; // {}: no credentials needed
                    return Task.CompletedTask;
                }
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == Policies.SignedIn))
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = TenantResolutionMiddleware.HeaderName,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "La collectivité pour laquelle agit l'utilisateur (une des siennes) ; par défaut, la première. "
                            + "Ignoré pour les agents du syndicat et de la trésorerie.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
                    });
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// The error statuses of every endpoint of the group, derived from what the endpoint is: any request may be
    /// invalid (400); a signed-in endpoint answers 401 and 403; a JSON body may be too large (413) or not JSON
    /// (415); a route naming something answers 404 when it does not exist; a change may conflict (409) or break a
    /// business rule (422), and so may a file download (the document is not in a state to be produced, or its data
    /// break a rule of the format); a rate-limited endpoint answers 429. Endpoints declare the rest themselves
    /// (<c>.ProducesProblem</c>). Runs last (Finally), once the endpoint's own metadata is known.
    /// </summary>
    public static TBuilder WithContractStatuses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            var methods = metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var signedIn = RequiresSignIn(metadata);
            var hasBody = metadata.OfType<IAcceptsMetadata>().Any();
            var hasRouteValue = endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 };
            var changes = methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE");
            var download = metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == StatusCodes.Status200OK && p.ContentTypes.Any(IsFile));

            Declare(endpoint, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
            if (signedIn)
            {
                Declare(endpoint, StatusCodes.Status401Unauthorized);
                Declare(endpoint, StatusCodes.Status403Forbidden);
            }
            if (hasRouteValue && signedIn) Declare(endpoint, StatusCodes.Status404NotFound);
            if (hasBody)
            {
                Declare(endpoint, StatusCodes.Status413PayloadTooLarge);
                Declare(endpoint, StatusCodes.Status415UnsupportedMediaType);
            }
            if ((changes || download) && signedIn)
            {
                Declare(endpoint, StatusCodes.Status409Conflict);
                Declare(endpoint, StatusCodes.Status422UnprocessableEntity);
            }
            if (metadata.OfType<EnableRateLimitingAttribute>().Any()) Declare(endpoint, StatusCodes.Status429TooManyRequests);
        });
        return builder;
    }

    private static void Declare(EndpointBuilder endpoint, int status, Type? type = null)
    {
        if (endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == status)) return;
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type ?? typeof(ProblemDetails), ["application/problem+json"]));
    }

    // [AsParameters] records give "PageSize"; the query binds case-insensitively and every client writes "pageSize".
    private static void CamelCaseQueryNames(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query && p.Name is { Length: > 0 }))
            parameter.Name = char.ToLowerInvariant(parameter.Name![0]) + parameter.Name[1..];
    }

    private static bool IsFile(string contentType) => !contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    // A file answer (PDF, XML, CSV) declared without a type: its content is a binary string of that media type.
    private static void DescribeFiles(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>().Where(p => p.ContentTypes.Any(IsFile)))
        {
            if (operation.Responses?.TryGetValue(produces.StatusCode.ToString(), out var response) != true || response is not OpenApiResponse r) continue;
            r.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var contentType in produces.ContentTypes.Where(IsFile))
                r.Content.TryAdd(contentType, new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } });
        }
    }

    private static bool RequiresSignIn(IEnumerable<object> metadata)
    {
        var list = metadata as IList<object> ?? metadata.ToList();
        return list.OfType<IAuthorizeData>().Any() && !list.OfType<IAllowAnonymous>().Any();
    }

    /// <summary>
    /// A schema name unique in the document: a nested type is named with the type it is declared in
    /// (<c>StartBillingRun.Request</c> → <c>StartBillingRunRequest</c>), and so are generic arguments
    /// (<c>PagedResult&lt;ListInvoices.Summary&gt;</c> → <c>PagedResultOfListInvoicesSummary</c>).
    /// </summary>
    public static string? SchemaId(JsonTypeInfo type) =>
        OpenApiOptions.CreateDefaultSchemaReferenceId(type) is null ? null : Name(type.Type);

    private static string Name(Type type)
    {
        var name = type.Name;
        if (type.IsGenericType)
        {
            name = name[..name.IndexOf('`')] + "Of" + string.Join("And", type.GetGenericArguments().Select(Name));
        }
        return type.IsNested && !type.IsGenericParameter ? Name(type.DeclaringType!) + name : name;
    }
}
