using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Auditing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Payments;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// The application's view of the database: EF Core sets, used directly by handlers (no repository layer).
/// Tenant-owned sets are already filtered to the current tenant. A command's changes are saved by the
/// unit-of-work behaviour, once, after the handler; the few handlers that save earlier, and why, are listed
/// on <see cref="Behaviors.UnitOfWorkBehavior{TMessage, TResponse}"/>.
/// </summary>
public interface ISaasDbContext
{
    DbSet<Tenant> Tenants { get; }
    DbSet<TenantMember> TenantMembers { get; }
    DbSet<CatalogueItem> CatalogueItems { get; }
    DbSet<Offer> Offers { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<Subscription> Subscriptions { get; }
    DbSet<Invoice> Invoices { get; }
    DbSet<InvoiceNumberSequence> InvoiceNumberSequences { get; }
    DbSet<BillingRun> BillingRuns { get; }
    DbSet<BillingRunTenant> BillingRunTenants { get; }
    DbSet<Payment> Payments { get; }
    DbSet<OnlinePayment> OnlinePayments { get; }
    DbSet<PaymentWebhookEvent> PaymentWebhookEvents { get; }
    DbSet<Email.OutboxEmail> OutboxEmails { get; }
    DbSet<Domain.Accounts.Invitation> Invitations { get; }

    /// <summary>Explicit transactions, for work committed in several steps (billing runs, batch by batch).</summary>
    DatabaseFacade Database { get; }

    /// <summary>Cleared between batches of long operations, so tracked entities do not pile up.</summary>
    ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
