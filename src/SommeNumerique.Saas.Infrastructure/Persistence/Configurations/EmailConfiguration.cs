using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SommeNumerique.Saas.Application.Email;

namespace SommeNumerique.Saas.Infrastructure.Persistence.Configurations;

public sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("OutboxEmails");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasMaxLength(50);
        builder.Property(e => e.To).HasMaxLength(256);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.Property(e => e.LastError).HasMaxLength(2000);
        builder.Ignore(e => e.Message);
        builder.Ignore(e => e.Status);
        // The dispatcher's query: what is due, oldest first.
        builder.HasIndex(e => e.NextAttemptAt);
    }
}
