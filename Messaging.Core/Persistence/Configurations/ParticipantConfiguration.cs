using Messaging.Core.Accounts;
using Messaging.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging.Core.Persistence.Configurations;

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.HasKey(p => new { p.ConversationId, p.UserId });
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
        // A user's conversation list starts here.
        builder.HasIndex(p => new { p.UserId, p.IsActive });
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
