using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging.Core.Persistence.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.SystemEvent).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Language).HasMaxLength(16);
        builder.Property(m => m.ClientMessageId).HasMaxLength(Limits.MaxClientMessageIdLength);
        builder.Property(m => m.ForwardedFromSenderName).HasMaxLength(Limits.MaxNameLength);

        // History pages and catch-up both walk this index; it also makes a duplicate sequence impossible.
        builder.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
        // A retried send finds its first attempt here, and a racing duplicate fails.
        builder.HasIndex(m => new { m.ConversationId, m.SenderId, m.ClientMessageId }).IsUnique();
        builder.HasIndex(m => new { m.ThreadId, m.Sequence });
        // The pinned bar and the pins list read a conversation's pins newest first; the cap counts them.
        builder.HasIndex(m => new { m.ConversationId, m.PinnedAt });

        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
