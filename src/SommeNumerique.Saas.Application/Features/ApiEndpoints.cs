using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SommeNumerique.Saas.Application.Features.Accounts;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Features.Catalogue;
using SommeNumerique.Saas.Application.Features.Invoicing;
using SommeNumerique.Saas.Application.Features.Catalogue.Admin;
using SommeNumerique.Saas.Application.Features.Emails;
using SommeNumerique.Saas.Application.Features.Identity;
using SommeNumerique.Saas.Application.Features.Payments;
using SommeNumerique.Saas.Application.Features.Subscriptions;
using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Application.Features.Treasury;

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
        // Invoices and credit notes
        ListInvoices.Map(api).WithTags("Factures");
        GetInvoice.Map(api).WithTags("Factures");
        GetInvoicePdf.Map(api).WithTags("Factures");
        CreateCreditNote.Map(api).WithTags("Factures");
        ListInvoicePayments.Map(api).WithTags("Factures");
        // Treasury: exports, payments received, overdue follow-up (staff and treasury)
        ExportBillingRunCsv.Map(api).WithTags("Trésorerie");
        ExportInvoicesCsv.Map(api).WithTags("Trésorerie");
        RecordMandatPayment.Map(api).WithTags("Trésorerie");
        ListOverdueInvoices.Map(api).WithTags("Trésorerie");
        ExportOverdueInvoicesCsv.Map(api).WithTags("Trésorerie");
        GetReminderLetter.Map(api).WithTags("Trésorerie");
        GetInvoiceUbl.Map(api).WithTags("Trésorerie");
        StartInvoiceCheckout.Map(api).WithTags("Paiements");
        ListOnlinePaymentsToRefund.Map(api).WithTags("Paiements");
        // Treasury (public accountant)
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
        return api;
    }
}
