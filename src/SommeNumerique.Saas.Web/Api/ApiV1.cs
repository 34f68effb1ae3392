using SommeNumerique.Saas.Application.Features;

namespace SommeNumerique.Saas.Web.Api;

public static class ApiV1
{
    /// <summary>The versioned API: <c>/api/v1</c>, errors as problem details, documented in <c>/openapi/v1.json</c>.</summary>
    public static IEndpointRouteBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithContractStatuses();
        AuthEndpoints.Map(api);
        CredentialEndpoints.Map(api); // forgot / reset / change password, two-step sign-in
        api.MapFeatureEndpoints();
        SommeNumerique.Saas.Infrastructure.Payments.Stripe.StripeWebhookEndpoint.Map(api) // raw body, host scope
            .Produces<SommeNumerique.Saas.Infrastructure.Payments.Stripe.StripeWebhookEndpoint.Acknowledgement>(StatusCodes.Status200OK);
        return app;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: the database answers and its migrations are applied.
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
