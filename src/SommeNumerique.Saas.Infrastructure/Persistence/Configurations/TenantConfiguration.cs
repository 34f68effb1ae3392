using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Infrastructure.Persistence.Configurations;

public sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Siren)
            .HasConversion(s => s.Value, v => Siren.Parse(v))
            .HasMaxLength(9).IsFixedLength();
        builder.HasIndex(t => t.Siren).IsUnique();
        builder.Property(t => t.InseeCode).HasMaxLength(5);
        builder.HasIndex(t => t.InseeCode);
        builder.HasIndex(t => t.Name);
        builder.HasIndex(t => t.ParentEpciId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.ParentEpciId).OnDelete(DeleteBehavior.Restrict);

        builder.Property(t => t.Siret).HasMaxLength(14);
        builder.Property(t => t.ChorusServiceCode).HasMaxLength(100);
        builder.Property(t => t.ChorusEngagementNumber).HasMaxLength(50);
        builder.OwnsOne(t => t.BillingAddress, a =>
        {
            a.Property(x => x.Line1).HasMaxLength(200);
            a.Property(x => x.Line2).HasMaxLength(200);
            a.Property(x => x.PostalCode).HasMaxLength(10);
            a.Property(x => x.City).HasMaxLength(100);
        });
        builder.OwnsOne(t => t.BillingContact, c =>
        {
            c.Property(x => x.Name).HasMaxLength(200);
            c.Property(x => x.Email).HasMaxLength(256);
            c.Property(x => x.Phone).HasMaxLength(30);
        });
        builder.OwnsMany(t => t.Memberships, m =>
        {
            m.ToTable("TenantMemberships");
            m.WithOwner().HasForeignKey("TenantId");
            m.Property<int>("Id");
            m.HasKey("Id");
            m.Property(x => x.Source).HasMaxLength(500);
        });
        builder.Navigation(t => t.Memberships).HasField("_memberships");
        builder.OwnsMany(t => t.Populations, p =>
        {
            p.ToTable("TenantPopulations");
            p.WithOwner().HasForeignKey("TenantId");
            p.Property<int>("Id");
            p.HasKey("Id");
            p.HasIndex("TenantId", nameof(PopulationRecord.ReferenceYear)).IsUnique();
        });
        builder.Navigation(t => t.Populations).HasField("_populations");
    }
}

public sealed class TenantMemberConfiguration : IEntityTypeConfiguration<TenantMember>
{
    public void Configure(EntityTypeBuilder<TenantMember> builder)
    {
        builder.ToTable("TenantMembers");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(m => new { m.UserId, m.TenantId }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
