using SommeNumerique.Saas.Domain.TenantIsolation;
using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Infrastructure.Persistence;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.Tests.TenantIsolation;

/// <summary>Walks the EF model: isolation is on for every entity unless it explicitly opts out.</summary>
public sealed class TenantModelTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public void Every_entity_is_tenant_owned_with_the_named_filter_or_explicitly_shared()
    {
        using var db = _database.Context(TestDatabase.Host());
        var entityTypes = db.Model.GetEntityTypes().Where(e => !e.IsOwned()).ToList();
        Assert.NotEmpty(entityTypes);

        foreach (var entityType in entityTypes)
        {
            var clr = entityType.ClrType;
            if (typeof(ITenantOwned).IsAssignableFrom(clr))
            {
                var filters = entityType.GetDeclaredQueryFilters();
                Assert.Contains(filters, f => f.Key == IsolationRules.FilterName);
                Assert.Contains(entityType.GetIndexes(), i => i.Properties.Any(p => p.Name == nameof(ITenantOwned.TenantId)));
            }
            else
            {
                var shared = typeof(ISharedAcrossTenants).IsAssignableFrom(clr)
                    || clr.Namespace == typeof(Microsoft.AspNetCore.Identity.IdentityUserRole<>).Namespace
                    || clr.Assembly == typeof(SaasDbContext).Assembly && clr.Namespace!.EndsWith(".Identity", StringComparison.Ordinal)
                    || clr == typeof(Application.Identity.ApplicationUser) || clr == typeof(Application.Identity.ApplicationRole) // moved to Application (issue 12)
                    || clr == typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey); // the key ring of every instance
                Assert.True(shared, $"{clr.Name} is neither tenant-owned nor explicitly shared.");
            }
        }
    }

    [Fact]
    public void The_tenant_owned_entities_of_the_model_are_known()
    {
        using var db = _database.Context(TestDatabase.Host());
        var owned = db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).Select(e => e.ClrType).ToList();
        Assert.Contains(typeof(TenantMember), owned);
        Assert.DoesNotContain(typeof(Tenant), owned);
    }

    [Fact]
    public void A_model_with_an_entity_that_declares_no_tenancy_is_refused()
    {
        var options = new DbContextOptionsBuilder<ContextWithStrayEntity>().UseSqlite("Data Source=:memory:").Options;
        using var db = new ContextWithStrayEntity(options, TestDatabase.Host());
        var error = Assert.Throws<InvalidOperationException>(() => db.Model);
        Assert.Contains(nameof(StrayEntity), error.Message);
    }

    public void Dispose() => _database.Dispose();

    public sealed class StrayEntity
    {
        public int Id { get; set; }
    }

    private sealed class ContextWithStrayEntity(DbContextOptions<ContextWithStrayEntity> options, ITenantContext tenant)
        : SaasDbContext(options, tenant)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            builder.Entity<StrayEntity>();
            base.OnModelCreating(builder);
        }
    }
}
