using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SommeNumerique.Saas.Domain.Accounts;

namespace SommeNumerique.Saas.Infrastructure.Persistence.Configurations;

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("Invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.Role).HasMaxLength(20);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.InvitedBy).HasMaxLength(256);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.IsGlobal);
        builder.Ignore(i => i.TenantRole);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.NormalizedEmail);
        builder.OwnsMany(i => i.Tenants, t =>
        {
            t.ToTable("InvitationTenants");
            t.WithOwner().HasForeignKey("InvitationId");
            t.Property<int>("Id");
            t.HasKey("Id");
            t.HasIndex(x => x.TenantId);
        });
        builder.Navigation(i => i.Tenants).HasField("_tenants").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
