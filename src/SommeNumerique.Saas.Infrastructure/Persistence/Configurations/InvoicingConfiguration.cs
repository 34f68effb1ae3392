using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Infrastructure.Persistence.Configurations;

public sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("Invoices");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Number).HasMaxLength(30);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.Property(i => i.CreditedInvoiceNumber).HasMaxLength(30);
        builder.Property(i => i.Reason).HasMaxLength(1000);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.PeriodStart, i.Status });
        builder.HasIndex(i => i.BillingRunId);
        builder.HasIndex(i => i.CreditedInvoiceId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(i => i.AmountDue);
        builder.OwnsOne(i => i.Buyer, b =>
        {
            b.Property(x => x.Name).HasMaxLength(300).HasColumnName("BuyerName");
            b.Property(x => x.Siren).HasMaxLength(9).HasColumnName("BuyerSiren");
            b.Property(x => x.AddressLines).HasMaxLength(1000).HasColumnName("BuyerAddress");
            b.Property(x => x.ContactEmail).HasMaxLength(256).HasColumnName("BuyerEmail");
            b.Property(x => x.PostalCode).HasMaxLength(10).HasColumnName("BuyerPostalCode");
            b.Property(x => x.City).HasMaxLength(100).HasColumnName("BuyerCity");
            b.Property(x => x.Siret).HasMaxLength(14).HasColumnName("BuyerSiret");
            b.Property(x => x.ServiceCode).HasMaxLength(100).HasColumnName("BuyerServiceCode");
            b.Property(x => x.EngagementNumber).HasMaxLength(50).HasColumnName("BuyerEngagementNumber");
            b.Ignore(x => x.Street);
        });
        // A titre number is given once per exercise (PES V2).
        builder.HasIndex(i => new { i.PesExercise, i.PesTitreNumber }).IsUnique();
        builder.Navigation(i => i.Buyer).IsRequired();
        builder.OwnsMany(i => i.Lines, l =>
        {
            l.ToTable("InvoiceLines");
            l.WithOwner().HasForeignKey("InvoiceId");
            l.Property<int>("Id");
            l.HasKey("Id");
            l.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            l.Property(x => x.Label).HasMaxLength(500);
            l.Property(x => x.ItemCode).HasMaxLength(40);
            l.Property(x => x.OfferCode).HasMaxLength(40);
            l.Property(x => x.NatureAccount).HasMaxLength(10);
            l.Property(x => x.VatCategory).HasConversion<string>().HasMaxLength(20);
            l.Property(x => x.Quantity).HasPrecision(18, 4);
            l.Property(x => x.UnitPriceHt).HasPrecision(18, 4);
            l.Property(x => x.VatRate).HasPrecision(9, 4);
            l.HasIndex(x => x.SubscriptionId);
        });
        builder.Navigation(i => i.Lines).HasField("_lines");
    }
}

public sealed class InvoiceNumberSequenceConfiguration : IEntityTypeConfiguration<InvoiceNumberSequence>
{
    public void Configure(EntityTypeBuilder<InvoiceNumberSequence> builder)
    {
        builder.ToTable("InvoiceNumberSequences");
        builder.HasKey(s => new { s.Series, s.Year });
        builder.Property(s => s.Series).HasMaxLength(10);
        // Two transactions taking numbers at once: the second one fails and is retried, so no number is given twice.
        builder.Property(s => s.LastNumber).IsConcurrencyToken();
    }
}

public sealed class BillingRunConfiguration : IEntityTypeConfiguration<BillingRun>
{
    public void Configure(EntityTypeBuilder<BillingRun> builder)
    {
        builder.ToTable("BillingRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Alignment).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.Property(r => r.EndReason).HasMaxLength(1000);
        // One open run per period, enforced by the database (NULL once the run has ended; SQL Server gets a
        // filtered index "IS NOT NULL" from EF Core, SQLite and PostgreSQL allow several NULLs).
        builder.Property(r => r.OpenPeriodKey).HasMaxLength(20);
        builder.HasIndex(r => r.OpenPeriodKey).IsUnique();
        builder.HasIndex(r => r.PeriodStart);
        // The n-th run of a period: two runs opened on the same knowledge of the period get the same number, and
        // the database refuses the second whatever the timing (even once the first has ended).
        builder.HasIndex(r => new { r.Alignment, r.PeriodStart, r.Sequence }).IsUnique();
        builder.Ignore(r => r.Period);
    }
}

public sealed class BillingRunTenantConfiguration : IEntityTypeConfiguration<BillingRunTenant>
{
    public void Configure(EntityTypeBuilder<BillingRunTenant> builder)
    {
        builder.ToTable("BillingRunTenants");
        builder.HasKey(t => new { t.RunId, t.TenantId });
        builder.Property(t => t.TenantName).HasMaxLength(300);
        builder.Property(t => t.Fingerprint).HasMaxLength(64);
        builder.Property(t => t.Warnings).HasMaxLength(4000);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<BillingRun>().WithMany().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
