using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging.Core.Persistence.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Title).HasMaxLength(Limits.MaxTitleLength);
        builder.Property(c => c.DirectKey).HasMaxLength(80);
        builder.HasIndex(c => c.DirectKey).IsUnique();
        builder.Property(c => c.WrappedDataKey).HasMaxLength(1024);
        builder.Property(c => c.LastMessagePreview).HasMaxLength(1024);
        builder.HasIndex(c => c.LastMessageAt);
        builder.HasMany(c => c.Participants).WithOne(p => p.Conversation).HasForeignKey(p => p.ConversationId);
    }
}
