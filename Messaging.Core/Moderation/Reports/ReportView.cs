using System.Text.Json.Serialization;

namespace Messaging.Core.Moderation.Reports;

/// <summary>A report as API.md "Moderation" shows it (<c>Report</c>); the case fields are what administrators see in the queue.</summary>
public sealed record ReportView(
    Guid Id,
    ReportStatus Status,
    ReportReason Reason,
    string? Comment,
    Guid ReporterId,
    Guid? MessageId,
    Guid? ConversationId,
    Guid? UserId,
    DateTime CreatedAt,
    DateTime? ResolvedAt,
    ReportAction? Action,
    string? Note,
    IReadOnlyList<EvidenceMessage> Evidence)
{
    /// <summary>Queue only: everyone who reported the same thing while the case was open, first first.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ReporterView>? Reporters { get; init; }

    /// <summary>Queue only: the reported person's name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserName { get; init; }

    /// <summary>Queue only: how many earlier cases were about the same person.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? EarlierReports { get; init; }

    /// <summary>Queue only, resolved cases: the administrator who decided.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ResolvedById { get; init; }

    /// <summary>Queue only, resolved cases: that administrator's name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResolvedByName { get; init; }

    internal static ReportView Of(Report report, IReadOnlyList<EvidenceMessage> evidence) => new(
        report.Id, report.Status, report.Reason, report.Comment, report.ReporterId, report.MessageId, report.ConversationId, report.UserId,
        report.CreatedAt, report.ResolvedAt, report.Action, report.Note, evidence);
}

/// <summary>One reporter of a case.</summary>
public sealed record ReporterView(Guid ReportId, Guid ReporterId, string ReporterName, ReportReason Reason, string? Comment, DateTime CreatedAt);

/// <summary>The API's snake_case names of the report enums, for reading requests.</summary>
public static class ReportNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The value named <paramref name="name"/>; null when it names none.</summary>
    public static T? Parse<T>(string? name)
        where T : struct, Enum => Enum.GetValues<T>().Select(v => (T?)v).FirstOrDefault(v => string.Equals(Of(v!.Value), name, StringComparison.Ordinal));
}
