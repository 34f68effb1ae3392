using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Payments;

namespace SommeNumerique.Saas.Infrastructure.Persistence.Configurations;

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.RecordedBy).HasMaxLength(256);
        builder.Property(p => p.ReversalReason).HasMaxLength(500);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        // One invoice payment per online payment, whatever the number of webhooks that confirm it.
        builder.HasIndex(p => p.OnlinePaymentId).IsUnique();
        // One payment per reference on an invoice: the same mandat sent twice at once is refused by the database too.
        builder.HasIndex(p => new { p.InvoiceId, p.Reference }).IsUnique();
    }
}

public sealed class OnlinePaymentConfiguration : IEntityTypeConfiguration<OnlinePayment>
{
    public void Configure(EntityTypeBuilder<OnlinePayment> builder)
    {
        builder.ToTable("OnlinePayments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Provider).HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(100);
        builder.Property(p => p.CheckoutSessionId).HasMaxLength(255);
        builder.Property(p => p.CheckoutUrl).HasMaxLength(2000);
        builder.Property(p => p.PaymentIntentId).HasMaxLength(255);
        builder.Property(p => p.FailureReason).HasMaxLength(500);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.CheckoutSessionId).IsUnique();
        builder.HasIndex(p => p.PaymentIntentId);
        builder.HasIndex(p => p.InvoiceId);
    }
}

public sealed class PaymentWebhookEventConfiguration : IEntityTypeConfiguration<PaymentWebhookEvent>
{
    public void Configure(EntityTypeBuilder<PaymentWebhookEvent> builder)
    {
        builder.ToTable("PaymentWebhookEvents");
        // The provider's event id is the key: a redelivered event hits the unique constraint.
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(100);
    }
}
