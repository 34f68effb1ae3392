using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;
using SommeNumerique.Saas.Application;
using SommeNumerique.Saas.Infrastructure;
using SommeNumerique.Saas.Infrastructure.Startup;
using SommeNumerique.Saas.Infrastructure.Tenancy;
using SommeNumerique.Saas.Web;
using SommeNumerique.Saas.Web.Api;
using SommeNumerique.Saas.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddSaasMediator();
builder.Services.AddReverseProxy(); // forwarded headers: see ReverseProxySetup and README "Configuration"
builder.Services.AddSignInThrottling(builder.Configuration); // one sign-in for portal and API, limited per address and e-mail
builder.Services.AddBrowserHardening(builder.Configuration); // HSTS, antiforgery cookie, Portal:BaseUrl (see Security/)
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "Somme Numérique — API du catalogue et de la facturation";
    document.Info.Version = "v1";
    return Task.CompletedTask;
}));
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AuthorizeFolder("/Staff", SommeNumerique.Saas.Application.Identity.Policies.Host);
    o.Conventions.AuthorizeFolder("/Staff/Catalogue", SommeNumerique.Saas.Application.Identity.Policies.Staff); // as /api/v1/admin/catalogue
    o.Conventions.AddHandlerPolicies(); // [HandlerPolicy] on page handlers: the policy of the handler's API twin
    o.Conventions.AllowAnonymousToPage("/Account/Login");
    o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
    o.Conventions.AllowAnonymousToPage("/Error");
});
ValidatorOptions.Global.LanguageManager.Culture = new CultureInfo("fr");

var app = builder.Build();

app.UseReverseProxyHeaders(); // first: scheme, host and client address as the proxy saw them
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseSecurityHeaders(); // CSP, nosniff, no framing, referrer policy
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("fr-FR"),
    SupportedCultures = [new CultureInfo("fr-FR")],
    SupportedUICultures = [new CultureInfo("fr-FR")],
});
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
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
