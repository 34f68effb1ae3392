using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Web.Tests.Infrastructure;

namespace SommeNumerique.Saas.Web.Tests.Portal;

/// <summary>
/// Every page handler of the portal (found as the framework finds them, so a new page or handler is covered at
/// once) tried by each demo account: it is allowed exactly when the rule of its API twin allows that account.
/// </summary>
public sealed partial class PageAuthorizationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Who may do what: the accounts each policy of <see cref="Policies"/> admits.</summary>
    private static readonly Dictionary<string, string[]> Admitted = new()
    {
        [Anonymous] = [DemoAccounts.StaffEmail, DemoAccounts.TreasuryEmail, DemoAccounts.AbbevilleAdminEmail, DemoAccounts.SecretaryEmail],
        [Policies.SignedIn] = [DemoAccounts.StaffEmail, DemoAccounts.TreasuryEmail, DemoAccounts.AbbevilleAdminEmail, DemoAccounts.SecretaryEmail],
        [Policies.Host] = [DemoAccounts.StaffEmail, DemoAccounts.TreasuryEmail],
        [Policies.Staff] = [DemoAccounts.StaffEmail],
        [TenantUsers] = [DemoAccounts.AbbevilleAdminEmail, DemoAccounts.SecretaryEmail],
        [Managers] = [DemoAccounts.StaffEmail, DemoAccounts.AbbevilleAdminEmail, DemoAccounts.SecretaryEmail],
    };

    private const string Anonymous = "(anonymous)";
    /// <summary>Not a policy: the API twin's handler refuses the syndicate's agents (online payment is the tenant's).</summary>
    private const string TenantUsers = "(tenant users: the handler refuses staff and treasury)";
    /// <summary>Not a policy: subscribing is for a tenant's administrator or staff (the Application's rule, shared with the API).</summary>
    private const string Managers = "(tenant administrators and staff)";

    private sealed record Rule(string Policy, string? Twin = null);

    /// <summary>
    /// The rule of every page handler ("page verb handler"), and its API twin ("VERB route pattern"), whose declared
    /// policy must be the page's (a twin open to any signed-in user is the host's <see cref="Policies.Host"/> under /Staff).
    /// A page or handler missing here fails <see cref="Every_page_handler_has_a_declared_rule"/>.
    /// </summary>
    private static readonly Dictionary<string, Rule> Rules = new()
    {
        ["/Account/Login GET"] = new(Anonymous),
        ["/Account/Login POST"] = new(Anonymous, "POST /api/v1/auth/login"),
        ["/Account/AccessDenied GET"] = new(Anonymous),
        ["/Account/LoginWith2fa GET"] = new(Anonymous),
        ["/Account/LoginWith2fa POST"] = new(Anonymous, "POST /api/v1/auth/login"),
        ["/Account/ForgotPassword GET"] = new(Anonymous),
        ["/Account/ForgotPassword POST"] = new(Anonymous, "POST /api/v1/auth/forgot-password"),
        ["/Account/ResetPassword GET"] = new(Anonymous),
        ["/Account/ResetPassword POST"] = new(Anonymous, "POST /api/v1/auth/reset-password"),
        ["/Account/Password GET"] = new(Policies.SignedIn),
        ["/Account/Password POST"] = new(Policies.SignedIn, "POST /api/v1/me/password"),
        ["/Account/TwoFactor GET"] = new(Policies.SignedIn, "GET /api/v1/me/two-factor"),
        ["/Account/TwoFactor POST"] = new(Policies.SignedIn, "POST /api/v1/me/two-factor/enable"),
        ["/Account/TwoFactor POST RecoveryCodes"] = new(Policies.SignedIn, "POST /api/v1/me/two-factor/recovery-codes"),
        ["/Account/TwoFactor POST Disable"] = new(Policies.SignedIn, "POST /api/v1/me/two-factor/disable"),
        ["/Error GET"] = new(Anonymous),
        ["/Error POST"] = new(Anonymous),
        ["/Account/Logout GET"] = new(Policies.SignedIn),
        ["/Account/Logout POST"] = new(Policies.SignedIn),
        ["/Index GET"] = new(Policies.SignedIn, "GET /api/v1/me"),
        ["/Catalogue GET"] = new(Policies.SignedIn, "GET /api/v1/catalogue"),
        ["/Invoices/Index GET"] = new(Policies.SignedIn, "GET /api/v1/invoices"),
        ["/Invoices/Details GET"] = new(Policies.SignedIn, "GET /api/v1/invoices/{id:guid}"),
        ["/Invoices/Details POST Pay"] = new(TenantUsers), // POST /api/v1/invoices/{id}/checkout: signed in, then the handler's rule
        ["/Invoices/Pdf GET"] = new(Policies.SignedIn, "GET /api/v1/invoices/{id:guid}/pdf"),
        ["/Subscriptions/Index GET"] = new(Policies.SignedIn, "GET /api/v1/subscriptions"),
        ["/Subscriptions/Details GET"] = new(Policies.SignedIn, "GET /api/v1/subscriptions/{id:guid}"),
        // Who may change a subscription is the Application's rule too (Managers), checked once the subscription is found:
        // with an unknown id every signed-in account gets "not found".
        ["/Subscriptions/Details POST Quantity"] = new(Policies.SignedIn, "POST /api/v1/subscriptions/{id:guid}/quantity"),
        ["/Subscriptions/Details POST Terminate"] = new(Policies.SignedIn, "POST /api/v1/subscriptions/{id:guid}/termination"),
        ["/Subscriptions/New GET"] = new(Policies.SignedIn, "POST /api/v1/subscriptions/quote"),
        ["/Subscriptions/New POST Quote"] = new(Policies.SignedIn, "POST /api/v1/subscriptions/quote"),
        ["/Subscriptions/New POST Confirm"] = new(Managers), // POST /api/v1/subscriptions: signed in, then the handler's rule
        ["/Tenant/Profile GET"] = new(Policies.SignedIn, "GET /api/v1/tenants/{id:guid}"),
        ["/Tenant/Profile POST"] = new(Policies.SignedIn, "PUT /api/v1/tenants/{id:guid}/profile"),
        ["/Tenant/Switch GET"] = new(Policies.SignedIn),
        ["/Tenant/Switch POST"] = new(Policies.SignedIn),
        ["/Staff/Tenants GET"] = new(Policies.Host, "GET /api/v1/tenants"),
        ["/Staff/Tenants/Details GET"] = new(Policies.Host, "GET /api/v1/tenants/{id:guid}"),
        ["/Staff/Tenants/Details POST Identity"] = new(Policies.Staff, "PUT /api/v1/tenants/{id:guid}/identity"),
        ["/Staff/Tenants/Details POST Join"] = new(Policies.Staff, "POST /api/v1/tenants/{id:guid}/memberships"),
        ["/Staff/Tenants/Details POST Leave"] = new(Policies.Staff, "POST /api/v1/tenants/{id:guid}/memberships/leave"),
        ["/Staff/Tenants/Details POST Population"] = new(Policies.Staff, "PUT /api/v1/tenants/{id:guid}/populations/{year:int}"),
        ["/Staff/Tenants/Details POST Epci"] = new(Policies.Staff, "PUT /api/v1/tenants/{id:guid}/epci"),
        ["/Staff/Tenants/New GET"] = new(Policies.Staff, "POST /api/v1/tenants"),
        ["/Staff/Tenants/New POST"] = new(Policies.Staff, "POST /api/v1/tenants"),
        ["/Staff/Tenants/Populations GET"] = new(Policies.Staff, "POST /api/v1/tenants/populations/import"),
        ["/Staff/Tenants/Populations POST"] = new(Policies.Staff, "POST /api/v1/tenants/populations/import"),
        ["/Staff/Subscriptions GET"] = new(Policies.Host, "GET /api/v1/subscriptions"),
        // POST /api/v1/subscriptions is open to the tenants' administrators; in the host context, to staff only.
        ["/Staff/Subscriptions POST"] = new(Policies.Staff),
        ["/Staff/Billing/Index GET"] = new(Policies.Host, "GET /api/v1/billing-runs"),
        ["/Staff/Billing/Index POST"] = new(Policies.Staff, "POST /api/v1/billing-runs"),
        ["/Staff/Billing/Run GET"] = new(Policies.Host, "GET /api/v1/billing-runs/{id:guid}"),
        ["/Staff/Billing/Run POST Issue"] = new(Policies.Staff, "POST /api/v1/billing-runs/{id:guid}/issue"),
        ["/Staff/Billing/Run POST Abandon"] = new(Policies.Staff, "POST /api/v1/billing-runs/{id:guid}/abandon"),
        ["/Staff/Catalogue/Index GET"] = new(Policies.Staff, "GET /api/v1/admin/catalogue"),
        ["/Staff/Catalogue/New GET"] = new(Policies.Staff, "POST /api/v1/admin/catalogue"),
        ["/Staff/Catalogue/New POST"] = new(Policies.Staff, "POST /api/v1/admin/catalogue"),
        ["/Staff/Catalogue/Item GET"] = new(Policies.Staff, "GET /api/v1/admin/catalogue/{itemCode}"),
        ["/Staff/Catalogue/Item POST Update"] = new(Policies.Staff, "PUT /api/v1/admin/catalogue/{itemCode}"),
        ["/Staff/Catalogue/Item POST AddOffer"] = new(Policies.Staff, "POST /api/v1/admin/catalogue/{itemCode}/offers"),
        ["/Staff/Catalogue/Item POST Publish"] = new(Policies.Staff, "POST /api/v1/admin/catalogue/offers/{offerCode}/publish"),
        ["/Staff/Catalogue/Item POST Retire"] = new(Policies.Staff, "POST /api/v1/admin/catalogue/offers/{offerCode}/retire"),
        ["/Staff/Catalogue/Item POST Withdraw"] = new(Policies.Staff, "DELETE /api/v1/admin/catalogue/offers/{offerCode}/tariffs/{versionId:guid}"),
        ["/Staff/Catalogue/Tariff GET"] = new(Policies.Staff, "GET /api/v1/admin/catalogue/{itemCode}"),
        ["/Staff/Catalogue/Tariff POST"] = new(Policies.Staff, "POST /api/v1/admin/catalogue/offers/{offerCode}/tariffs"),
        ["/Staff/Invoices/Index GET"] = new(Policies.Host, "GET /api/v1/invoices"),
        ["/Staff/Invoices/Details GET"] = new(Policies.Host, "GET /api/v1/invoices/{id:guid}"),
        ["/Staff/Invoices/Details POST Credit"] = new(Policies.Staff, "POST /api/v1/invoices/{id:guid}/credit-notes"),
        ["/Staff/Invoices/Details POST Payment"] = new(Policies.Host, "POST /api/v1/invoices/{id:guid}/payments"),
        ["/Staff/Treasury/Index GET"] = new(Policies.Host, "GET /api/v1/billing-runs"),
        ["/Staff/Treasury/Export GET"] = new(Policies.Host, "GET /api/v1/billing-runs/{id:guid}/exports/csv"),
        ["/Staff/Treasury/Export POST Number"] = new(Policies.Host, "POST /api/v1/billing-runs/{id:guid}/exports/pes/numbering"),
        ["/Staff/Treasury/Overdue GET"] = new(Policies.Host, "GET /api/v1/invoices/overdue"),
        ["/Staff/Treasury/Overdue GET Reminder"] = new(Policies.Host, "GET /api/v1/invoices/{id:guid}/reminder"),
        // Accounts: the invitation link's page is anonymous; a tenant's members page is the administrator's (the use
        // cases refuse other accounts; staff and treasury, without an active tenant, are sent home); staff pages are staff's.
        ["/Account/Invitation GET"] = new(Anonymous),
        ["/Account/Invitation POST"] = new(Anonymous, "POST /api/v1/invitations/accept"),
        ["/Tenant/Members GET"] = new(Policies.SignedIn, "GET /api/v1/tenants/{id:guid}/members"),
        ["/Tenant/Members POST Invite"] = new(Policies.SignedIn, "POST /api/v1/invitations"),
        ["/Tenant/Members POST Role"] = new(Policies.SignedIn, "PUT /api/v1/tenants/{id:guid}/members/{userId:guid}"),
        ["/Tenant/Members POST Remove"] = new(Policies.SignedIn, "DELETE /api/v1/tenants/{id:guid}/members/{userId:guid}"),
        ["/Tenant/Members POST Resend"] = new(Policies.SignedIn, "POST /api/v1/invitations/{id:guid}/resend"),
        ["/Tenant/Members POST Revoke"] = new(Policies.SignedIn, "DELETE /api/v1/invitations/{id:guid}"),
        // The API twins are open to tenants' administrators; in the host context, to staff only.
        ["/Staff/Tenants/Members GET"] = new(Policies.Staff),
        ["/Staff/Tenants/Members POST Invite"] = new(Policies.Staff),
        ["/Staff/Tenants/Members POST Role"] = new(Policies.Staff),
        ["/Staff/Tenants/Members POST Remove"] = new(Policies.Staff),
        ["/Staff/Tenants/Members POST Resend"] = new(Policies.Staff),
        ["/Staff/Tenants/Members POST Revoke"] = new(Policies.Staff),
        ["/Staff/Users GET"] = new(Policies.Staff, "GET /api/v1/users"),
        ["/Staff/Users POST Deactivate"] = new(Policies.Staff, "POST /api/v1/users/{id:guid}/deactivate"),
        ["/Staff/Users POST Reactivate"] = new(Policies.Staff, "POST /api/v1/users/{id:guid}/reactivate"),
        ["/Staff/Users POST Invite"] = new(Policies.Staff),
        ["/Staff/Emails GET"] = new(Policies.Staff, "GET /api/v1/admin/emails"),
        ["/Staff/Emails POST Retry"] = new(Policies.Staff, "POST /api/v1/admin/emails/{id:guid}/retry"),
    };

    /// <summary>Every page handler as the framework selects them: "page verb [handler]".</summary>
    private async Task<List<string>> PageHandlers()
    {
        var services = app.Factory.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var handlers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var page in services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>())
        {
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            if (compiled.HandlerMethods.Count == 0) handlers.Add($"{page.ViewEnginePath} GET"); // a page without a model answers GET
            foreach (var handler in compiled.HandlerMethods)
                handlers.Add($"{page.ViewEnginePath} {handler.HttpMethod.ToUpperInvariant()}{(handler.Name is null ? "" : " " + handler.Name)}");
        }
        return handlers.ToList();
    }

    [Fact]
    public async Task Every_page_handler_has_a_declared_rule()
    {
        var handlers = await PageHandlers();

        Assert.Empty(handlers.Except(Rules.Keys)); // a new handler: declare its rule above (and give it on the page)
        Assert.Empty(Rules.Keys.Except(handlers)); // a removed one: drop it
    }

    [Fact]
    public void The_rule_of_each_page_handler_is_the_one_its_api_twin_declares()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Key: $"{m} {e.RoutePattern.RawText}", Endpoint: e)))
            .ToDictionary(e => e.Key, e => e.Endpoint);

        foreach (var (handler, rule) in Rules.Where(r => r.Value.Twin is not null))
        {
            Assert.True(endpoints.TryGetValue(rule.Twin!, out var twin), $"{handler}: no API endpoint {rule.Twin}");
            var declared = twin.Metadata.GetMetadata<IAllowAnonymous>() is not null
                ? Anonymous
                : twin.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) ?? Anonymous;
            if (handler.StartsWith("/Staff/", StringComparison.Ordinal) && declared == Policies.SignedIn) declared = Policies.Host;
            Assert.True(declared == rule.Policy, $"{handler}: the page requires {rule.Policy}, its API twin {rule.Twin} {declared}");
        }
    }

    public static TheoryData<string> Accounts => new()
    {
        DemoAccounts.StaffEmail, DemoAccounts.TreasuryEmail, DemoAccounts.AbbevilleAdminEmail, DemoAccounts.SecretaryEmail,
    };

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Each_account_is_allowed_exactly_the_page_handlers_its_roles_allow(string email)
    {
        var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await browser.GetStringAsync("/Account/Login");
        var signedIn = await browser.CompleteTwoFactorAsync(await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = SaasAppFactory.DemoPassword, ["__RequestVerificationToken"] = Token(login),
        })));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var token = Token(await browser.GetStringAsync("/Account/Login")); // the token of the signed-in user

        // Real codes where a page loads something before its rule could matter (a treasury agent could add a tariff to
        // this offer); unknown ids elsewhere: an allowed account gets "not found", a refused one never gets that far.
        const string query = "?code=COFFRE-FORT&offer=COFFRE-FORT&offerCode=COFFRE-FORT&id=6a1c2f7e-0000-4000-8000-000000000001"
            + "&versionId=6a1c2f7e-0000-4000-8000-000000000002&run=6a1c2f7e-0000-4000-8000-000000000003&format=csv";
        var wrong = new List<string>();
        // Signing out last: it ends the session the other tries use.
        foreach (var handler in (await PageHandlers()).OrderBy(h => h.StartsWith("/Account/Logout POST", StringComparison.Ordinal)))
        {
            var parts = handler.Split(' ');
            var url = (parts[0].EndsWith("/Index", StringComparison.Ordinal) ? parts[0][..^"/Index".Length] : parts[0]) + query
                + (parts.Length > 2 ? $"&handler={parts[2]}" : "");
            if (url.StartsWith('?')) url = "/" + url;
            var response = parts[1] == "GET"
                ? await browser.GetAsync(url)
                : await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

            var location = response.Headers.Location?.OriginalString ?? "";
            var refused = response.StatusCode == HttpStatusCode.Forbidden || location.Contains("/Account/AccessDenied", StringComparison.Ordinal);
            var challenged = location.Contains("/Account/Login?", StringComparison.Ordinal);
            var allowed = Admitted[Rules[handler].Policy].Contains(email);
            if (allowed ? refused || challenged : !refused)
                wrong.Add($"{handler}: {(allowed ? "should be allowed" : "should be refused")}, answered {(int)response.StatusCode} {location}");
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static string Token(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
