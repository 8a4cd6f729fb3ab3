using Messaging.Core.Accounts;
using Messaging.Core.Moderation;
using Messaging.Core.Operations.SystemStatus;

namespace Messaging.Web.Features.Admin;

/// <summary>
/// Admin.resx keys for values the admin pages show. Written out, never built from the value, so that the resource
/// key test sees every key in use and a renamed value cannot silently lose its text.
/// </summary>
internal static class AdminKeys
{
    public static string Status(VerificationStatus status) => status switch
    {
        VerificationStatus.Verified => "StatusVerified",
        VerificationStatus.Rejected => "StatusRejected",
        _ => "StatusPending",
    };

    public static string Filter(AdminUserFilter filter) => filter switch
    {
        AdminUserFilter.Verified => "FilterVerified",
        AdminUserFilter.Rejected => "FilterRejected",
        AdminUserFilter.Suspended => "FilterSuspended",
        _ => "FilterPending",
    };

    /// <summary>Null for an action this build does not know (an entry written by a newer version): shown as stored.</summary>
    public static string? AuditAction(string action) => action switch
    {
        AuditActions.UserVerified => "Audit_user_verified",
        AuditActions.UserRejected => "Audit_user_rejected",
        AuditActions.VerificationWithdrawn => "Audit_verification_withdrawn",
        AuditActions.UserSuspended => "Audit_user_suspended",
        AuditActions.UserUnsuspended => "Audit_user_unsuspended",
        AuditActions.SessionsEnded => "Audit_sessions_ended",
        AuditActions.ReportResolved => "Audit_report_resolved",
        AuditActions.MessageRemoved => "Audit_message_removed",
        AuditActions.RoleChanged => "Audit_role_changed",
        _ => null,
    };

    /// <summary>Null for a detail without a label: shown by its stored name.</summary>
    public static string? AuditDetail(string key) => key switch
    {
        "reason" => "AuditDetail_reason",
        "until" => "AuditDetail_until",
        "note" => "AuditDetail_note",
        "previous_status" => "AuditDetail_previous_status",
        "action" => "AuditDetail_action",
        "report_id" => "AuditDetail_report_id",
        "reports" => "AuditDetail_reports",
        "conversation_id" => "AuditDetail_conversation_id",
        "role" => "AuditDetail_role",
        "change" => "AuditDetail_change",
        _ => null,
    };

    /// <summary>
    /// Admin.resx key for a stored detail value that names something (a role, a change, a status); null for free text
    /// (a reason, a note, a date), which is shown as the administrator wrote it.
    /// </summary>
    public static string? AuditValue(string key, string? value) => (key, value) switch
    {
        ("role", Roles.Admin) => "RoleAdministrator",
        ("change", RoleChanges.Granted) => "AuditValue_granted",
        ("change", RoleChanges.Removed) => "AuditValue_removed",
        ("previous_status", "pending") => "StatusPending",
        ("previous_status", "verified") => "StatusVerified",
        ("previous_status", "rejected") => "StatusRejected",
        _ => null,
    };

    /// <summary>Null for a dependency this build does not name: shown by its stored name.</summary>
    public static string? Service(string name) => name switch
    {
        "database" => "Service_database",
        "redis" => "Service_redis",
        "smtp" => "Service_smtp",
        "object_store" => "Service_object_store",
        _ => null,
    };

    public static string State(ServiceState state) => state switch
    {
        ServiceState.Healthy => "StateHealthy",
        ServiceState.Unreachable => "StateUnreachable",
        _ => "StateNotConfigured",
    };
}
