namespace Messaging.Core.DataRights;

/// <summary>An export as its owner sees it (API.md: <c>DataExport</c>).</summary>
public sealed record DataExportView(
    Guid Id,
    DataExportStatus Status,
    DateTime RequestedAt,
    DateTime? CompletedAt,
    DateTime ExpiresAt,
    long? Size)
{
    public static DataExportView Of(DataExport export) =>
        new(export.Id, export.Status, export.RequestedAt, export.CompletedAt, export.ExpiresAt, export.Size);
}
