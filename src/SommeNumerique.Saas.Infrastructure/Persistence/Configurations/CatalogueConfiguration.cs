using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SommeNumerique.Saas.Domain.Auditing;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Infrastructure.Persistence.Configurations;

public sealed class CatalogueItemConfiguration : IEntityTypeConfiguration<CatalogueItem>
{
    public void Configure(EntityTypeBuilder<CatalogueItem> builder)
    {
        builder.ToTable("CatalogueItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.HasIndex(i => i.Code).IsUnique();
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Description).HasMaxLength(2000);
        builder.Property(i => i.UnitLabel).HasMaxLength(100);
        builder.Property(i => i.Source).HasMaxLength(500);
        builder.Property(i => i.NatureAccount).HasMaxLength(10);
        builder.Property(i => i.BillingAlignment).HasConversion<string>().HasMaxLength(20);
        builder.OwnsOne(i => i.Eligibility, e =>
        {
            e.Property(x => x.Membership).HasConversion<string>().HasMaxLength(40).HasColumnName("EligibilityMembership");
            e.Property(x => x.MaxWorkstationsExclusive).HasColumnName("EligibilityMaxWorkstations");
            e.Property(x => x.AllowedKinds).HasColumnName("EligibilityAllowedKinds").HasMaxLength(200)
                .HasConversion(
                    kinds => kinds == null ? null : string.Join(',', kinds),
                    text => text == null ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<TenantKind>).ToList(),
                    new ValueComparer<IReadOnlyList<TenantKind>?>(
                        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
                        v => v == null ? 0 : v.Aggregate(0, (h, k) => HashCode.Combine(h, k)),
                        v => v == null ? null : v.ToList()));
        });
        builder.Navigation(i => i.Eligibility).IsRequired();
        builder.OwnsMany(i => i.Components, c =>
        {
            c.ToTable("CatalogueItemComponents");
            c.WithOwner().HasForeignKey("CatalogueItemId");
            c.Property<int>("Id");
            c.HasKey("Id");
            c.Property(x => x.Code).HasMaxLength(40);
            c.Property(x => x.Name).HasMaxLength(200);
        });
        builder.Navigation(i => i.Components).HasField("_components");
        builder.HasMany(i => i.Offers).WithOne().HasForeignKey("CatalogueItemId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Offers).HasField("_offers");
    }
}

public sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("Offers");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Code).HasMaxLength(40);
        builder.HasIndex(o => o.Code).IsUnique();
        builder.Property(o => o.Name).HasMaxLength(300);
        builder.Property(o => o.Description).HasMaxLength(2000);
        builder.HasMany(o => o.Versions).WithOne().HasForeignKey("OfferId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Versions).HasField("_versions");
    }
}

public sealed class TariffVersionConfiguration : IEntityTypeConfiguration<TariffVersion>
{
    public void Configure(EntityTypeBuilder<TariffVersion> builder)
    {
        builder.ToTable("TariffVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasIndex("OfferId", nameof(TariffVersion.EffectiveFrom)).IsUnique();
        builder.Property(v => v.Model).HasConversion<string>().HasMaxLength(40);
        builder.Property(v => v.Vat).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.MemberPrice).HasPrecision(18, 4);
        builder.Property(v => v.NonMemberPrice).HasPrecision(18, 4);
        builder.Property(v => v.CommuneRate).HasPrecision(18, 4);
        builder.Property(v => v.EpciRate).HasPrecision(18, 4);
        builder.Property(v => v.DepartementRate).HasPrecision(18, 4);
        builder.OwnsOne(v => v.Deliberation, d =>
        {
            d.Property(x => x.Body).HasMaxLength(100).HasColumnName("DeliberationBody");
            d.Property(x => x.Date).HasColumnName("DeliberationDate");
            d.Property(x => x.Reference).HasMaxLength(300).HasColumnName("DeliberationReference");
        });
        builder.Navigation(v => v.Deliberation).IsRequired();
        builder.OwnsOne(v => v.SetupFee, f =>
        {
            f.Property(x => x.BlockSize).HasColumnName("SetupFeeBlockSize");
            f.Property(x => x.MemberAmount).HasColumnName("SetupFeeMember");
            f.Property(x => x.NonMemberAmount).HasColumnName("SetupFeeNonMember");
        });
        builder.OwnsMany(v => v.PayerRates, p =>
        {
            p.ToTable("TariffPayerRates");
            p.WithOwner().HasForeignKey("TariffVersionId");
            p.Property<int>("Id");
            p.HasKey("Id");
            p.Property(x => x.Siren).HasMaxLength(9);
            p.Property(x => x.PayerName).HasMaxLength(200);
            p.Property(x => x.Rate).HasPrecision(18, 4);
        });
        builder.Navigation(v => v.PayerRates).HasField("_payerRates");
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.UserEmail).HasMaxLength(256);
        builder.Property(a => a.Area).HasMaxLength(40);
        builder.Property(a => a.Action).HasMaxLength(60);
        builder.Property(a => a.Subject).HasMaxLength(100);
        builder.Property(a => a.Justification).HasMaxLength(1000);
        builder.HasIndex(a => new { a.Area, a.Subject, a.At });
    }
}
