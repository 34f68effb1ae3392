using SommeNumerique.Saas.Application.Features.Accounts;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Features.Catalogue;
using SommeNumerique.Saas.Application.Features.Catalogue.Admin;
using SommeNumerique.Saas.Application.Features.Emails;
using SommeNumerique.Saas.Application.Features.Identity;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Payments;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Application.Features.Treasury;
using SommeNumerique.Saas.Infrastructure.Payments.Stripe;

namespace SommeNumerique.Saas.Web.Api;

/// <summary>
/// Every endpoint of the versioned API, <c>/api/v1</c>, in one list: read this file to find any route. Each
/// line names the class that declares the route (a use case of <c>Application/Features/&lt;Area&gt;</c> maps
/// itself next to its request and handler; sign-in and passwords live in this folder; the Stripe webhook in
/// <c>Infrastructure/Payments/Stripe</c>). Errors are problem details; the document is <c>/openapi/v1.json</c>,
/// whose paths follow the order of this list.
/// </summary>
public static class ApiV1
{
    public static IEndpointRouteBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithContractStatuses();
        // Identity: sign-in, passwords, two-step sign-in (Web/Api), the signed-in user
        AuthEndpoints.Map(api);
        CredentialEndpoints.Map(api); // forgot / reset / change password, two-step sign-in
        GetMe.Map(api).WithTags("Identité");
        // Tenancy
        ListTenants.Map(api).WithTags("Collectivités");
        GetTenant.Map(api).WithTags("Collectivités");
        UpdateTenantProfile.Map(api).WithTags("Collectivités");
        CreateTenant.Map(api).WithTags("Collectivités");
        UpdateTenantIdentity.Map(api).WithTags("Collectivités");
        RecordMembership.Map(api).WithTags("Collectivités");
        RecordMembershipEnd.Map(api).WithTags("Collectivités");
        RecordPopulation.Map(api).WithTags("Collectivités");
        ImportPopulations.Map(api).WithTags("Collectivités");
        ChangeTenantEpci.Map(api).WithTags("Collectivités");
        GetTenantHistory.Map(api).WithTags("Collectivités");
        // Catalogue (tenants)
        GetCatalogue.Map(api).WithTags("Catalogue");
        GetOfferPrice.Map(api).WithTags("Catalogue");
        // Subscriptions
        QuoteSubscription.Map(api).WithTags("Abonnements");
        CreateSubscription.Map(api).WithTags("Abonnements");
        ListSubscriptions.Map(api).WithTags("Abonnements");
        GetSubscription.Map(api).WithTags("Abonnements");
        ChangeSubscriptionQuantity.Map(api).WithTags("Abonnements");
        TerminateSubscription.Map(api).WithTags("Abonnements");
        // Billing runs (staff)
        StartBillingRun.Map(api).WithTags("Facturation");
        ListBillingRuns.Map(api).WithTags("Facturation");
        GetBillingRun.Map(api).WithTags("Facturation");
        IssueBillingRun.Map(api).WithTags("Facturation");
        AbandonBillingRun.Map(api).WithTags("Facturation");
        // Invoices and credit notes; the payments of an invoice (Features/Payments)
        ListInvoices.Map(api).WithTags("Factures");
        GetInvoice.Map(api).WithTags("Factures");
        GetInvoicePdf.Map(api).WithTags("Factures");
        CreateCreditNote.Map(api).WithTags("Factures");
        ListInvoicePayments.Map(api).WithTags("Factures");
        // Treasury: exports, payments received by mandat (Features/Payments), overdue follow-up (staff and treasury)
        ExportBillingRunCsv.Map(api).WithTags("Trésorerie");
        ExportInvoicesCsv.Map(api).WithTags("Trésorerie");
        RecordMandatPayment.Map(api).WithTags("Trésorerie");
        ListOverdueInvoices.Map(api).WithTags("Trésorerie");
        ExportOverdueInvoicesCsv.Map(api).WithTags("Trésorerie");
        GetReminderLetter.Map(api).WithTags("Trésorerie");
        GetInvoiceUbl.Map(api).WithTags("Trésorerie");
        // Online payment (Stripe régie); the webhook is at the end of the list
        StartInvoiceCheckout.Map(api).WithTags("Paiements");
        ListOnlinePaymentsToRefund.Map(api).WithTags("Paiements");
        // Treasury (public accountant): PES V2 flows
        NumberBillingRunPes.Map(api).WithTags("Trésorerie");
        GetBillingRunPesNumbering.Map(api).WithTags("Trésorerie");
        ExportBillingRunPes.Map(api).WithTags("Trésorerie");
        // Catalogue (staff back office)
        var admin = api.MapGroup("/admin").WithTags("Catalogue (administration)");
        ListCatalogueItems.Map(admin);
        GetCatalogueItem.Map(admin);
        CreateCatalogueItem.Map(admin);
        UpdateCatalogueItem.Map(admin);
        AddOffer.Map(admin);
        AddTariffVersion.Map(admin);
        WithdrawTariffVersion.Map(admin);
        ChangeOfferPublication.Map(admin);
        // Accounts: invitations, members of a tenant, users (staff)
        InviteUser.Map(api).WithTags("Comptes");
        AcceptInvitation.Map(api).WithTags("Comptes");
        ListInvitations.Map(api).WithTags("Comptes");
        ResendInvitation.Map(api).WithTags("Comptes");
        RevokeInvitation.Map(api).WithTags("Comptes");
        ListTenantMembers.Map(api).WithTags("Comptes");
        ChangeMemberRole.Map(api).WithTags("Comptes");
        RemoveTenantMember.Map(api).WithTags("Comptes");
        ListUsers.Map(api).WithTags("Comptes");
        GetUser.Map(api).WithTags("Comptes");
        DeactivateUser.Map(api).WithTags("Comptes");
        ReactivateUser.Map(api).WithTags("Comptes");
        // E-mail outbox (staff)
        var emails = api.MapGroup("/admin").WithTags("E-mails");
        ListOutboxEmails.Map(emails);
        RetryOutboxEmail.Map(emails);
        // Stripe's notifications (Infrastructure/Payments/Stripe): anonymous, signed raw body, host scope
        StripeWebhookEndpoint.Map(api).Produces<StripeWebhookEndpoint.Acknowledgement>(StatusCodes.Status200OK);
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
