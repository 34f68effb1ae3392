using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SommeNumerique.Saas.Web.Security;

/// <summary>
/// The authorization policy (one of <see cref="Application.Identity.Policies"/>, the names the API endpoints declare) a
/// single page handler requires on top of its page's or folder's policy: e.g. the billing page is open to staff and
/// treasury, starting a run (its POST handler) to staff only, like <c>POST /api/v1/billing-runs</c>.
/// ASP.NET Core ignores <c>[Authorize]</c> on page handler methods, hence this attribute and <see cref="PageHandlerPolicyFilter"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class HandlerPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>
/// Enforces <see cref="HandlerPolicyAttribute"/> on the selected handler, before it runs: a signed-in user without the
/// policy is forbidden (the access-denied page), an anonymous one is sent to sign in.
/// </summary>
public sealed class PageHandlerPolicyFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var policy = context.HandlerMethod?.MethodInfo.GetCustomAttribute<HandlerPolicyAttribute>()?.Policy;
        if (policy is not null)
        {
            var authorization = context.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
            var user = context.HttpContext.User;
            if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
            {
                context.Result = user.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
                return;
            }
        }
        await next();
    }
}

public static class PageHandlerAuthorizationSetup
{
    /// <summary>Turns on <see cref="HandlerPolicyAttribute"/> for every page.</summary>
    public static PageConventionCollection AddHandlerPolicies(this PageConventionCollection conventions)
    {
        conventions.ConfigureFilter(new PageHandlerPolicyFilter());
        return conventions;
    }
}
