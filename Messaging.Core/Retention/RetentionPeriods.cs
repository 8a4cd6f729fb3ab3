using Messaging.Core.Common;

namespace Messaging.Core.Retention;

/// <summary>How long messages are kept: the choices offered, what a value means and which one applies.</summary>
public static class RetentionPeriods
{
    /// <summary>A conversation's setting of 0: kept forever, whatever the deployment's default.</summary>
    public const int KeepForever = 0;

    /// <summary>A hundred years: anything longer is a typing mistake, not a policy.</summary>
    public const int MaxDays = 36500;

    /// <summary>The periods the settings dialog offers (any whole number of days up to <see cref="MaxDays"/> is accepted).</summary>
    public static readonly IReadOnlyList<int> Choices = [1, 7, 30, 90, 365];

    /// <summary>
    /// The days that apply: the conversation's own setting beats the deployment's default in both directions (a group
    /// may keep less or more); null when messages are kept forever.
    /// </summary>
    public static int? Effective(int? conversationDays, int defaultDays) =>
        (conversationDays ?? defaultDays) is > 0 and var days ? days : null;

    /// <summary>A setting from a group admin: null (back to the default), 0 (forever) or 1..<see cref="MaxDays"/>.</summary>
    public static int? Validate(int? days) =>
        days is null or (>= KeepForever and <= MaxDays) ? days : throw new MessagingException(ErrorCode.ValidationFailed, "retention_days");
}
