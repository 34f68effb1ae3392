using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Domain.Auditing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Tests.Common;

/// <summary>Counts SaveChangesAsync calls; the sets are not used by the behaviours under test.</summary>
internal sealed class FakeSaasDbContext : ISaasDbContext
{
    public int SaveCalls { get; private set; }
    public CancellationToken LastToken { get; private set; }
    public List<string>? Journal { get; init; }

    public DbSet<Tenant> Tenants => throw new NotSupportedException();
    public DbSet<TenantMember> TenantMembers => throw new NotSupportedException();
    public DbSet<CatalogueItem> CatalogueItems => throw new NotSupportedException();
    public DbSet<Offer> Offers => throw new NotSupportedException();
    public DbSet<AuditEntry> AuditEntries => throw new NotSupportedException();
    public DbSet<Subscription> Subscriptions => throw new NotSupportedException();
    public DbSet<Invoice> Invoices => throw new NotSupportedException();
    public DbSet<InvoiceNumberSequence> InvoiceNumberSequences => throw new NotSupportedException();
    public DbSet<BillingRun> BillingRuns => throw new NotSupportedException();
    public DbSet<BillingRunTenant> BillingRunTenants => throw new NotSupportedException();
    public DbSet<Domain.Payments.Payment> Payments => throw new NotSupportedException();
    public DbSet<Domain.Payments.OnlinePayment> OnlinePayments => throw new NotSupportedException();
    public DbSet<Domain.Payments.PaymentWebhookEvent> PaymentWebhookEvents => throw new NotSupportedException();
    public DbSet<Email.OutboxEmail> OutboxEmails => throw new NotSupportedException();
    public DbSet<Domain.Accounts.Invitation> Invitations => throw new NotSupportedException();
    public DatabaseFacade Database => throw new NotSupportedException();
    public ChangeTracker ChangeTracker => throw new NotSupportedException();

    public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        SaveCalls++;
        LastToken = cancellationToken;
        Journal?.Add("save");
        return Task.FromResult(0);
    }
}
