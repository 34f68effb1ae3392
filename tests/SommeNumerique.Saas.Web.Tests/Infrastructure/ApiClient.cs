using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.TestSupport;

namespace SommeNumerique.Saas.Web.Tests.Infrastructure;

/// <summary>Sign-in and JSON helpers over the application's HttpClient.</summary>
public static class ApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// An API client signed in with a bearer token from POST /api/v1/auth/login. The current code of the demo
    /// authenticator key is always sent: the demo Staff and Treasury accounts need it, the others ignore it.
    /// </summary>
    public static async Task<HttpClient> SignedInAsync(this SaasAppFactory factory, string email, string? password = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", LoginBody(email, password));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>The body of POST /api/v1/auth/login for a demo account: password and the demo authenticator's current code.</summary>
    public static object LoginBody(string email, string? password = null) =>
        new { email, password = password ?? SaasAppFactory.DemoPassword, twoFactorCode = DemoAuthenticator.Code() };

    /// <summary>
    /// Completes a portal sign-in: when the login form's answer sends to the second step (/Account/LoginWith2fa), posts
    /// the demo authenticator's current code there and returns that answer; otherwise returns <paramref name="login"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> CompleteTwoFactorAsync(this HttpClient browser, HttpResponseMessage login, string? code = null)
    {
        var location = login.Headers.Location?.OriginalString;
        if (location is null || !location.Contains("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase)) return login;
        var form = await browser.GetStringAsync(location);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var returnUrl = System.Text.RegularExpressions.Regex.Match(form, "name=\"ReturnUrl\" value=\"([^\"]*)\"").Groups[1].Value;
        return await browser.PostAsync(location, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = code ?? DemoAuthenticator.Code(),
            ["ReturnUrl"] = System.Net.WebUtility.HtmlDecode(returnUrl),
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static Task<HttpClient> StaffAsync(this SaasAppFactory factory) => factory.SignedInAsync(DemoAccounts.StaffEmail);
    public static Task<HttpClient> TreasuryAsync(this SaasAppFactory factory) => factory.SignedInAsync(DemoAccounts.TreasuryEmail);
    public static Task<HttpClient> SecretaryAsync(this SaasAppFactory factory) => factory.SignedInAsync(DemoAccounts.SecretaryEmail);
    public static Task<HttpClient> AbbevilleAdminAsync(this SaasAppFactory factory) => factory.SignedInAsync(DemoAccounts.AbbevilleAdminEmail);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, string? tenantId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (tenantId is not null) request.Headers.Add("X-Tenant-Id", tenantId);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, string? tenantId = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (tenantId is not null) request.Headers.Add("X-Tenant-Id", tenantId);
        if (method != HttpMethod.Get && method != HttpMethod.Delete) request.Content = JsonContent.Create(new { });
        return await client.SendAsync(request);
    }

    /// <summary>The id of a tenant found by the staff API (search by INSEE code or name).</summary>
    public static async Task<string> TenantIdAsync(this SaasAppFactory factory, string search)
    {
        var staff = await factory.StaffAsync();
        var page = await staff.GetJsonAsync($"/api/v1/tenants?search={Uri.EscapeDataString(search)}");
        return page.GetProperty("items")[0].GetProperty("id").GetString()!;
    }
}
