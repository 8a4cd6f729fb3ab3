namespace Messaging.Core.Moderation;

/// <summary>
/// One administrator action, written in the same transaction as the action itself. Append-only: no use case updates or
/// deletes a row, and <see cref="AuditLog.RefuseChanges"/> stops any attempt at save time.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Increasing with every entry, so "older than" is a plain comparison on both databases.</summary>
    public long Id { get; set; }
    public Guid ActorId { get; set; }
    public string Action { get; set; } = "";
    public string TargetType { get; set; } = "";
    public Guid TargetId { get; set; }
    public DateTime At { get; set; }

    /// <summary>What the administrator gave with the action (reason, note, end date) as JSON; never message content.</summary>
    public string? Details { get; set; }
}

/// <summary>The actions the audit log knows, as stored and as the API names them.</summary>
public static class AuditActions
{
    public const string UserVerified = "user_verified";
    public const string UserRejected = "user_rejected";
    public const string VerificationWithdrawn = "verification_withdrawn";
    public const string UserSuspended = "user_suspended";
    public const string UserUnsuspended = "user_unsuspended";
    public const string SessionsEnded = "sessions_ended";
    public const string ReportResolved = "report_resolved";
    public const string MessageRemoved = "message_removed";
    public const string RoleChanged = "role_changed";

    public static readonly IReadOnlyList<string> All =
        [UserVerified, UserRejected, VerificationWithdrawn, UserSuspended, UserUnsuspended, SessionsEnded, ReportResolved, MessageRemoved, RoleChanged];
}

/// <summary>What an audit entry is about.</summary>
public static class AuditTargets
{
    public const string User = "user";
    public const string Report = "report";
    public const string Message = "message";
}
