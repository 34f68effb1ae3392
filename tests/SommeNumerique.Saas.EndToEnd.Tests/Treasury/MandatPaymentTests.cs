using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SommeNumerique.Saas.EndToEnd.Tests.Infrastructure;
using SommeNumerique.Saas.Infrastructure.Identity;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SommeNumerique.Saas.EndToEnd.Tests.Treasury;

/// <summary>
/// The treasury agent in a real Chromium: the exports page, then a partial mandat payment typed as a French
/// agent types it ("100,00"), with the invoice's status following; each page passes the axe-core check.
/// The invoice is billed beforehand through the API, as staff.
/// </summary>
public sealed class MandatPaymentTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task The_treasury_agent_records_a_partial_mandat_and_the_invoice_shows_what_is_left()
    {
        var invoice = await IssueAnInvoiceAsync();
        var id = invoice.GetProperty("id").GetString();
        var issued = invoice.GetProperty("issueDate").GetString()!;

        await SignInAsync(DemoAccounts.TreasuryEmail);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Trésorerie" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Trésorerie");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "PES V2 de la facturation 2025" })).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(Page, "treasury", Output);

        await Page.GotoAsync($"/Staff/Invoices/Details?id={id}");
        await Page.GetByLabel("Montant payé").FillAsync("100,00");
        await Page.GetByLabel("Date du paiement").FillAsync(issued);
        await Page.GetByLabel("Référence du mandat").FillAsync("Mandat 2025-0042");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le paiement" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Paiement de 100,00 € enregistré");
        await Expect(Page.GetByText("Partiellement payée").First).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Cell, new() { Name = "Mandat 2025-0042" })).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(Page, "invoice-payment", Output);
        await ScreenshotAsync("treasury-payment");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Trésorerie" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Factures échues et relances" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Factures échues");
        await AxeCheck.AssertNoSeriousViolationsAsync(Page, "overdue", Output);
    }

    /// <summary>Staff subscribe Aumâtre to 8 packs cyber from January 2025, bill 2025 and issue: its invoice.</summary>
    private async Task<JsonElement> IssueAnInvoiceAsync()
    {
        using var api = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoAccounts.StaffEmail, password = E2EAppFactory.DemoPassword, twoFactorCode = SommeNumerique.Saas.TestSupport.DemoAuthenticator.Code() });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var tenants = await api.GetFromJsonAsync<JsonElement>("/api/v1/tenants?search=80040");
        var tenantId = tenants.GetProperty("items")[0].GetProperty("id").GetString();
        (await api.PostAsJsonAsync("/api/v1/subscriptions",
            new { offerCode = "PACK-CYBER", quantity = 8, startDate = "2025-01-01", tenantId })).EnsureSuccessStatusCode();
        var run = await (await api.PostAsJsonAsync("/api/v1/billing-runs", new { period = "2025", dryRun = true })).Content.ReadFromJsonAsync<JsonElement>();
        var runId = run.GetProperty("id").GetString();
        (await api.PostAsJsonAsync($"/api/v1/billing-runs/{runId}/issue", new { })).EnsureSuccessStatusCode();
        for (var i = 0; i < 300; i++)
        {
            var state = await api.GetFromJsonAsync<JsonElement>($"/api/v1/billing-runs/{runId}");
            if (state.GetProperty("status").GetString() == "Issued") break;
            await Task.Delay(100);
        }
        var invoices = await api.GetFromJsonAsync<JsonElement>($"/api/v1/invoices?tenantId={tenantId}&period=2025&kind=Invoice");
        var invoice = invoices.GetProperty("items")[0];
        Assert.Equal("Issued", invoice.GetProperty("status").GetString());
        return invoice;
    }
}
