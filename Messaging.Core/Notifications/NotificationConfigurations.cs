using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging.Core.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Type).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(n => new { n.UserId, n.Id });
        builder.HasIndex(n => new { n.SourceId, n.UserId }).IsUnique();
    }
}

internal sealed class NotificationOutboxConfiguration : IEntityTypeConfiguration<NotificationOutboxEntry>
{
    public void Configure(EntityTypeBuilder<NotificationOutboxEntry> builder)
    {
        builder.ToTable("NotificationOutbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Recipients).IsRequired();
        builder.Ignore(e => e.RecipientIds);
        builder.HasIndex(e => new { e.ProcessedAt, e.CreatedAt });
    }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> builder)
    {
        builder.ToTable("PushSubscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Endpoint).HasMaxLength(2048).IsRequired();
        builder.Property(s => s.P256dh).HasMaxLength(128).IsRequired();
        builder.Property(s => s.Auth).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => s.Endpoint).IsUnique();
        builder.HasIndex(s => s.UserId);
    }
}

internal sealed class EmailDigestItemConfiguration : IEntityTypeConfiguration<EmailDigestItem>
{
    public void Configure(EntityTypeBuilder<EmailDigestItem> builder)
    {
        builder.ToTable("EmailDigestItems");
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => new { i.UserId, i.MessageId }).IsUnique();
        builder.HasIndex(i => new { i.ClaimedAt, i.DueAt });
    }
}
