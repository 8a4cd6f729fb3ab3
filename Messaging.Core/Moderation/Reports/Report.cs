namespace Messaging.Core.Moderation.Reports;

/// <summary>Why a person reports something (API.md "Moderation": spam, harassment, impersonation, confidential_leak, other).</summary>
public enum ReportReason
{
    Spam,
    Harassment,
    Impersonation,
    ConfidentialLeak,
    Other,
}

public enum ReportStatus
{
    Open,
    Resolved,
}

/// <summary>What an administrator did about a report.</summary>
public enum ReportAction
{
    Dismiss,
    DeleteMessage,
    SuspendUser,
}

/// <summary>
/// One person's report of a message, a conversation or a person. Reports of the same thing made while it is still open
/// form one case (<see cref="CaseId"/> = the id of the case's first report), which administrators resolve at once; each
/// report keeps its own reporter, reason, comment and evidence.
/// </summary>
public sealed class Report
{
    public Guid Id { get; set; }

    /// <summary>The first report of the case; equal to <see cref="Id"/> on that first report.</summary>
    public Guid CaseId { get; set; }

    public Guid ReporterId { get; set; }
    public ReportReason Reason { get; set; }
    public string? Comment { get; set; }
    public Guid? MessageId { get; set; }
    public Guid? ConversationId { get; set; }

    /// <summary>The reported person: the one reported, or the sender of the reported message (null for a conversation).</summary>
    public Guid? UserId { get; set; }

    public ReportStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public Guid? ResolvedById { get; set; }
    public ReportAction? Action { get; set; }
    public string? Note { get; set; }

    /// <summary>The evidence snapshot, sealed by <see cref="ReportEvidence"/> (only the moderation feature opens it).</summary>
    public string Evidence { get; set; } = "";

    /// <summary>
    /// On the first report of an open case only: what is reported ("message:{id}", "user:{id}", ...). Unique, so two
    /// reports of one thing arriving together cannot open two cases; cleared when the case is resolved.
    /// </summary>
    public string? OpenCaseKey { get; set; }
}
