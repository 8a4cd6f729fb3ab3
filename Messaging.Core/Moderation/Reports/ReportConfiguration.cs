using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging.Core.Moderation.Reports;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("Reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Action).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Comment).HasMaxLength(Common.Limits.MaxReportCommentLength);
        builder.Property(r => r.Note).HasMaxLength(Common.Limits.MaxReportCommentLength);
        builder.Property(r => r.Evidence).IsRequired();
        builder.Property(r => r.OpenCaseKey).HasMaxLength(64);

        // NULLs never collide in a unique index, on SQLite and PostgreSQL alike: only open cases carry a key.
        builder.HasIndex(r => r.OpenCaseKey).IsUnique();
        builder.HasIndex(r => r.CaseId);
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasIndex(r => new { r.UserId, r.CreatedAt });
        builder.HasIndex(r => new { r.ReporterId, r.CreatedAt });
    }
}
