using SommeNumerique.Saas.Domain.TenantIsolation;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Infrastructure.TenantIsolation;

/// <summary>
/// The two halves of tenant isolation in EF Core: a named query filter on every tenant-owned entity
/// (reads), and a check of every tracked change before it is saved (writes).
/// </summary>
public static class IsolationRules
{
    /// <summary>
    /// Name of the tenant query filter. Being named, another filter (e.g. soft delete) can be switched off
    /// with <c>IgnoreQueryFilters(["SoftDelete"])</c> while this one stays on.
    /// </summary>
    public const string FilterName = TenantFilter.Name;

    /// <summary>
    /// Puts the tenant filter on every <see cref="ITenantOwned"/> entity and refuses to build a model in
    /// which an entity is neither tenant-owned nor explicitly shared: isolation is the default.
    /// </summary>
    /// <param name="context">The context instance whose tenant the filter reads at query time.</param>
    /// <param name="isFrameworkType">Framework-owned tables (Identity...) that are global by construction.</param>
    public static void Apply<TContext>(ModelBuilder modelBuilder, TContext context, Func<Type, bool> isFrameworkType)
        where TContext : DbContext, ITenantFilterSource
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(e => !e.IsOwned()).ToList())
        {
            var clrType = entityType.ClrType;
            if (typeof(ITenantOwned).IsAssignableFrom(clrType))
            {
                modelBuilder.Entity(clrType).HasQueryFilter(FilterName, BuildFilter(clrType, context));
                modelBuilder.Entity(clrType).HasIndex(nameof(ITenantOwned.TenantId));
            }
            else if (!typeof(ISharedAcrossTenants).IsAssignableFrom(clrType) && !isFrameworkType(clrType))
            {
                throw new InvalidOperationException(
                    $"Entity {clrType.Name} must implement ITenantOwned, or ISharedAcrossTenants if it is global data.");
            }
        }
    }

    // e => context.TenantFilterDisabled || e.TenantId == context.CurrentTenantId
    // The context is a constant of its own DbContext type: EF Core recognises it and substitutes the context
    // that runs each query, so the filter reads the tenant of that query's context, not of the model's builder.
    // (Typed as the interface, EF would not recognise it and would freeze the first context's tenant.)
    private static LambdaExpression BuildFilter(Type clrType, DbContext context)
    {
        var entity = Expression.Parameter(clrType, "e");
        var source = Expression.Constant(context, context.GetType());
        var disabled = Expression.Property(source, nameof(ITenantFilterSource.TenantFilterDisabled));
        var current = Expression.Property(source, nameof(ITenantFilterSource.CurrentTenantId));
        var owner = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        return Expression.Lambda(Expression.OrElse(disabled, Expression.Equal(owner, current)), entity);
    }

    /// <summary>
    /// Before saving: stamps the current tenant on new tenant-owned entities and refuses any insert,
    /// update or delete of another tenant's data, and any change of an entity's owner.
    /// The host context (staff) may write any tenant's data, but never an entity without a tenant.
    /// </summary>
    public static void CheckChanges(ChangeTracker changeTracker, ITenantContext tenant)
    {
        foreach (var entry in changeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            var tenantIdProperty = entry.Property(e => e.TenantId);

            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
            {
                tenantIdProperty.CurrentValue = tenant.TenantId
                    ?? throw new TenantMismatchException(
                        $"Cannot create {entry.Metadata.ClrType.Name} without an active tenant.");
            }
            if (entry.State == EntityState.Modified && tenantIdProperty.IsModified
                && tenantIdProperty.OriginalValue != tenantIdProperty.CurrentValue)
            {
                throw new TenantMismatchException($"The tenant of a {entry.Metadata.ClrType.Name} cannot change.");
            }
            if (tenant.IsHost) continue;
            if (tenant.TenantId is not { } current || entry.Entity.TenantId != current)
            {
                throw new TenantMismatchException(
                    $"Refused to {entry.State.ToString().ToLowerInvariant()} a {entry.Metadata.ClrType.Name} of another tenant.");
            }
        }
    }
}

/// <summary>What the tenant query filter reads; implemented by the DbContext.</summary>
public interface ITenantFilterSource
{
    bool TenantFilterDisabled { get; }
    Guid? CurrentTenantId { get; }
}

/// <summary>A save was refused because it touches another tenant's data.</summary>
public sealed class TenantMismatchException(string message) : InvalidOperationException(message);
