using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Features.Identity;
using SommeNumerique.Saas.Application.Features.Tenancy;

namespace SommeNumerique.Saas.Application.Features;

/// <summary>Every /api/v1 endpoint of the application features, by business area.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder api)
    {
        // Identity
        GetMe.Map(api).WithTags("Identité");
        // Tenancy
        ListTenants.Map(api).WithTags("Collectivités");
        GetTenant.Map(api).WithTags("Collectivités");
        return api;
    }
}
