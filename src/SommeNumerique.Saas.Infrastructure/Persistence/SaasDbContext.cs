using SommeNumerique.Saas.Application.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SommeNumerique.Saas.Application.Common;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Auditing;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Payments;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Infrastructure.Identity;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.Persistence;

/// <summary>
/// The one database of the product (identity, tenants and everything they own). Each provider has a
/// subclass that only exists to carry its own migrations (see <see cref="DatabaseProvider"/>).
/// </summary>
public abstract class SaasDbContext
    : IdentityDbContext<ApplicationUser, ApplicationRole, Guid>, ISaasDbContext, ITenantFilterSource, IDataProtectionKeyContext
{
    private readonly ITenantContext _tenant;

    protected SaasDbContext(DbContextOptions options, ITenantContext tenant) : base(options)
    {
        _tenant = tenant;
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<TenantMember> TenantMembers => Set<TenantMember>();
    public DbSet<CatalogueItem> CatalogueItems => Set<CatalogueItem>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceNumberSequence> InvoiceNumberSequences => Set<InvoiceNumberSequence>();
    public DbSet<BillingRun> BillingRuns => Set<BillingRun>();
    public DbSet<BillingRunTenant> BillingRunTenants => Set<BillingRunTenant>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<OnlinePayment> OnlinePayments => Set<OnlinePayment>();
    public DbSet<PaymentWebhookEvent> PaymentWebhookEvents => Set<PaymentWebhookEvent>();
    public DbSet<Application.Email.OutboxEmail> OutboxEmails => Set<Application.Email.OutboxEmail>();
    public DbSet<Domain.Accounts.Invitation> Invitations => Set<Domain.Accounts.Invitation>();

    /// <summary>
    /// ASP.NET Core Data Protection keys (cookies, antiforgery tokens), shared by every instance of the app so
    /// that a cookie issued by one is read by the others (see Infrastructure/DependencyInjection).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Read by the tenant query filter at each query (see <see cref="IsolationRules"/>).</summary>
    public bool TenantFilterDisabled => _tenant.IsHost;

    /// <inheritdoc cref="TenantFilterDisabled"/>
    public Guid? CurrentTenantId => _tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SaasDbContext).Assembly);
        IsolationRules.Apply(builder, this, IsFrameworkType);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money is decimal(18,2) unless a configuration says otherwise; SQLite has no decimal type and
        // stores it as TEXT, which keeps exact values.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        IsolationRules.CheckChanges(ChangeTracker, _tenant);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        IsolationRules.CheckChanges(ChangeTracker, _tenant);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Framework tables, global by construction: ASP.NET Core Identity (users may belong to several tenants)
    /// and the Data Protection key ring.
    /// </summary>
    private static bool IsFrameworkType(Type type) =>
        type == typeof(ApplicationUser) || type == typeof(ApplicationRole)
        || type.Namespace == typeof(IdentityUserRole<>).Namespace
        || type == typeof(DataProtectionKey);
}

/// <summary>SQLite flavour: carries the SQLite migrations.</summary>
public sealed class SqliteSaasDbContext(DbContextOptions<SqliteSaasDbContext> options, ITenantContext tenant)
    : SaasDbContext(options, tenant)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or sort DateTimeOffset values stored as text: store them as sortable integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL flavour: carries the PostgreSQL migrations.</summary>
public sealed class PostgreSqlSaasDbContext(DbContextOptions<PostgreSqlSaasDbContext> options, ITenantContext tenant)
    : SaasDbContext(options, tenant);

/// <summary>SQL Server / Azure SQL flavour: carries the SQL Server migrations.</summary>
public sealed class SqlServerSaasDbContext(DbContextOptions<SqlServerSaasDbContext> options, ITenantContext tenant)
    : SaasDbContext(options, tenant);
