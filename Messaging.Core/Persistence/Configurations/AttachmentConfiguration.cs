using Messaging.Core.Accounts;
using Messaging.Core.Attachments;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging.Core.Persistence.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.FileName).HasMaxLength(FileNames.MaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(128);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.StorageKey).HasMaxLength(64);
        builder.Property(a => a.ThumbnailKey).HasMaxLength(64);

        // Message views load attachments by message; the Files tab and the quota sum by conversation; the clean-up by age.
        builder.HasIndex(a => a.MessageId);
        builder.HasIndex(a => new { a.ConversationId, a.CreatedAt });
        builder.HasIndex(a => a.UploaderId);
        builder.HasIndex(a => new { a.State, a.CreatedAt });

        // Rows go with their conversation or uploader; objects in the store are removed by the clean-up first.
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UploaderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Message>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.SetNull);
    }
}
