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
            m.OwnsOne(x => x.JoinDeliberation, d =>
            {
                d.Property(x => x.Body).HasMaxLength(100).HasColumnName("JoinDeliberationBody");
                d.Property(x => x.Date).HasColumnName("JoinDeliberationDate");
                d.Property(x => x.Reference).HasMaxLength(300).HasColumnName("JoinDeliberationReference");
            });
            m.OwnsOne(x => x.LeaveDeliberation, d =>
            {
                d.Property(x => x.Body).HasMaxLength(100).HasColumnName("LeaveDeliberationBody");
                d.Property(x => x.Date).HasColumnName("LeaveDeliberationDate");
                d.Property(x => x.Reference).HasMaxLength(300).HasColumnName("LeaveDeliberationReference");
            });
        });
        builder.Navigation(t => t.Memberships).HasField("_memberships");
        builder.OwnsMany(t => t.Populations, p =>
        {
            p.ToTable("TenantPopulations");
            p.WithOwner().HasForeignKey("TenantId");
            p.Property<int>("Id");
            p.HasKey("Id");
            p.HasIndex("TenantId", nameof(PopulationRecord.ReferenceYear)).IsUnique();
            p.Property(x => x.Source).HasMaxLength(300);
        });
        builder.Navigation(t => t.Populations).HasField("_populations");
        builder.OwnsMany(t => t.EpciLinks, l =>
        {
            l.ToTable("TenantEpciLinks");
            l.WithOwner().HasForeignKey("TenantId");
            l.Property<int>("Id");
            l.HasKey("Id");
            l.Property(x => x.Reason).HasMaxLength(500);
            l.HasIndex(x => x.EpciId);
        });
        builder.Navigation(t => t.EpciLinks).HasField("_epciLinks");
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
