using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Infrastructure.Persistence.Configurations;

public sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("Subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ItemCode).HasMaxLength(40);
        builder.Property(s => s.OfferCode).HasMaxLength(40);
        builder.Property(s => s.OfferName).HasMaxLength(300);
        builder.Property(s => s.BillingAlignment).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.TenantId, s.CatalogueItemId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CatalogueItem>().WithMany().HasForeignKey(s => s.CatalogueItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Offer>().WithMany().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(s => s.QuantitySteps, q =>
        {
            q.ToTable("SubscriptionQuantitySteps");
            q.WithOwner().HasForeignKey("SubscriptionId");
            q.Property<int>("Id");
            q.HasKey("Id");
        });
        builder.Navigation(s => s.QuantitySteps).HasField("_steps");
        builder.OwnsMany(s => s.Changes, c =>
        {
            c.ToTable("SubscriptionChanges");
            c.WithOwner().HasForeignKey("SubscriptionId");
            c.Property<int>("Id");
            c.HasKey("Id");
            c.Property(x => x.By).HasMaxLength(256);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            c.Property(x => x.Description).HasMaxLength(1000);
            c.Property(x => x.Reason).HasMaxLength(1000);
        });
        builder.Navigation(s => s.Changes).HasField("_changes");
    }
}
