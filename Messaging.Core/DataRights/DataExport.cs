namespace Messaging.Core.DataRights;

/// <summary>
/// One "download my data" request: built by a background job into a ZIP in the attachment store, downloadable by its
/// owner only until <see cref="ExpiresAt"/>, then removed by <see cref="DataExportCleanup"/>.
/// </summary>
public sealed class DataExport
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DataExportStatus Status { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>When the ZIP stops being offered and is deleted; set when the request is made, so a stuck build expires too.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>The ZIP's key in the <see cref="Attachments.IAttachmentStore"/> once ready.</summary>
    public string? StorageKey { get; set; }
    public long? Size { get; set; }

    public static string KeyOf(Guid id) => $"export-{id:N}";
}

public enum DataExportStatus
{
    /// <summary>Requested; the background job has not finished building it.</summary>
    Pending,
    Ready,
    Failed,
}
