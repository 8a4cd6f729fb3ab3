using Messaging.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging.Core.Search;

internal sealed class BlindTokenConfiguration : IEntityTypeConfiguration<BlindToken>
{
    public void Configure(EntityTypeBuilder<BlindToken> builder)
    {
        builder.ToTable("MessageBlindTokens");
        // A message holds each hash once: how often a word occurs inside one message is not stored.
        builder.HasKey(t => new { t.MessageId, t.Hash });
        builder.Property(t => t.Hash).HasMaxLength(BlindIndex.HashTextLength).IsRequired();
        // Queries look hashes up within the caller's encrypted conversations.
        builder.HasIndex(t => new { t.ConversationId, t.Hash });
        // The entries go with their message row.
        builder.HasOne<Message>().WithMany().HasForeignKey(t => t.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
