using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;
using SommeNumerique.Saas.Application;
using SommeNumerique.Saas.Infrastructure;
using SommeNumerique.Saas.Infrastructure.Startup;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;
using SommeNumerique.Saas.Web;
using SommeNumerique.Saas.Web.Api;
using SommeNumerique.Saas.Web.Security;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrlWhenUnset(); // ASPNETCORE_URLS / --urls win; see PortalSetup

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddSaasMediator();
builder.Services.AddReverseProxy(); // forwarded headers: see ReverseProxySetup and README "Configuration"
builder.Services.AddApiProblemDetails(); // problem+json for /api whatever Accept; French binding errors
builder.Services.AddPortalCompression(); // static files and API JSON only (BREACH): see PortalSetup
builder.Services.AddSignInThrottling(builder.Configuration); // one sign-in for portal and API, limited per address and e-mail
builder.Services.AddCredentialFlows(builder.Configuration); // forgot / reset / change password, two-step sign-in (Security/Credentials)
builder.Services.AddBrowserHardening(builder.Configuration); // HSTS, antiforgery cookie, Portal:BaseUrl (see Security/)
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddApiContract(); // OpenAPI document and JSON options of /api/v1: see Api/OpenApiContract
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AuthorizeFolder("/Staff", SommeNumerique.Saas.Application.Identity.Policies.Host);
    o.Conventions.AuthorizeFolder("/Staff/Catalogue", SommeNumerique.Saas.Application.Identity.Policies.Staff); // as /api/v1/admin/catalogue
    o.Conventions.AddHandlerPolicies(); // [HandlerPolicy] on page handlers: the policy of the handler's API twin
    o.Conventions.AllowAnonymousToPage("/Account/Login");
    o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
    o.Conventions.AllowAnonymousToPage("/Error");
    o.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
    o.Conventions.AllowAnonymousToPage("/Account/ResetPassword");
    o.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
});
ValidatorOptions.Global.LanguageManager.Culture = new CultureInfo("fr");
FieldNames.UseFrenchFieldNames(); // "Nom du contact", never "Body Contact Name"

var app = builder.Build();

// `-- admin create --email … --role Staff|Treasury`: the first administrator, instead of the web host (README "Production").
if (SommeNumerique.Saas.Infrastructure.Identity.AdminCommand.IsAdminCommand(args))
{
    Environment.ExitCode = await SommeNumerique.Saas.Infrastructure.Identity.AdminCommand.RunAsync(app.Services, args, Console.Out, Console.Error);
    return;
}

app.UseReverseProxyHeaders(); // first: scheme, host and client address as the proxy saw them
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseSecurityHeaders(); // CSP, nosniff, no framing, referrer policy
app.UseExceptionHandler();
app.UsePortalErrorPages(); // French pages for the portal, problem details for /api
app.UsePortalCompression();
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("fr-FR"),
    SupportedCultures = [new CultureInfo("fr-FR")],
    SupportedUICultures = [new CultureInfo("fr-FR")],
});
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<SommeNumerique.Saas.Infrastructure.Identity.SessionValidationMiddleware>(); // security stamp, deactivation, 2FA enrolment
app.UseMiddleware<TenantResolutionMiddleware>();
app.UseAuthorization();

app.MapHealthEndpoints();
app.MapOpenApi();
app.MapScalarApiReference("/api/docs", o => o.WithTitle("Somme Numérique — API v1").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapApiV1();
app.MapRazorPages();

await app.Services.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
