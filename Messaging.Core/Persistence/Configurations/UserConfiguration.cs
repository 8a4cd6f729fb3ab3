using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging.Core.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(u => u.Name).HasMaxLength(Limits.MaxNameLength);
        builder.Property(u => u.NormalizedName).HasMaxLength(Limits.MaxNameLength * 2);
        builder.Property(u => u.AvatarUrl).HasMaxLength(Limits.MaxAvatarUrlLength);
        builder.Property(u => u.AvatarKey).HasMaxLength(64);
        builder.Property(u => u.Language).HasMaxLength(8);
        builder.Property(u => u.VerificationStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.AllowMessagesFrom).HasConversion<string>().HasMaxLength(24);
        builder.Property(u => u.SuspensionReason).HasMaxLength(Limits.MaxSuspensionReasonLength);
        builder.HasIndex(u => new { u.VerificationStatus, u.NormalizedName });
        builder.HasIndex(u => u.SuspendedAt);
    }
}
