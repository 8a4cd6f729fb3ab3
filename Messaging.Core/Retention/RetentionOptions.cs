using System.ComponentModel.DataAnnotations;

namespace Messaging.Core.Retention;

/// <summary>The <c>Messaging:Retention</c> section: how long messages are kept unless a group says otherwise.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Messaging:Retention";

    /// <summary>Messages older than this many days are deleted by the daily job; 0 (the default) keeps them forever.</summary>
    [Range(0, RetentionPeriods.MaxDays, ErrorMessage = "Messaging:Retention:Days must be between 0 (keep forever) and 36500.")]
    public int Days { get; set; }

    /// <summary>Cron of the daily job that deletes expired messages (UTC); a quiet hour by default.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Messaging:Retention:Cron must be a cron expression.")]
    public string Cron { get; set; } = "41 3 * * *";
}
