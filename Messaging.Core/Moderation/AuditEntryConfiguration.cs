using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging.Core.Moderation;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Action).HasMaxLength(32).IsRequired();
        builder.Property(e => e.TargetType).HasMaxLength(16).IsRequired();
        builder.Property(e => e.Details).HasMaxLength(Common.Limits.MaxAuditDetailsLength);
        builder.HasIndex(e => new { e.Action, e.Id });
        builder.HasIndex(e => new { e.TargetId, e.Id });
    }
}
