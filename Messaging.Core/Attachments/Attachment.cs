namespace Messaging.Core.Attachments;

/// <summary>A file uploaded to a conversation; its bytes live in the <see cref="IAttachmentStore"/> under <see cref="StorageKey"/>.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid UploaderId { get; set; }

    /// <summary>The one message that references it; null until sent (removed after a day if never sent).</summary>
    public Guid? MessageId { get; set; }

    public AttachmentKind Kind { get; set; }
    public AttachmentState State { get; set; }

    /// <summary>The name the uploader gave, cleaned of paths and control characters.</summary>
    public string FileName { get; set; } = "";

    /// <summary>Decided from the bytes, never from the name or the client's header.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>Plaintext size in bytes (after metadata stripping for images).</summary>
    public long Size { get; set; }

    /// <summary>SHA-256 of the stored plaintext, lowercase hex.</summary>
    public string Sha256 { get; set; } = "";

    public int? Width { get; set; }
    public int? Height { get; set; }

    public string StorageKey { get; set; } = "";
    public string? ThumbnailKey { get; set; }
    public long? ThumbnailSize { get; set; }

    /// <summary>Bytes and thumbnail are encrypted at rest with the conversation's key (chunked AES-256-GCM).</summary>
    public bool IsEncrypted { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum AttachmentKind
{
    File,
    Image,
}

public enum AttachmentState
{
    /// <summary>The row exists, the bytes are still arriving; never downloadable.</summary>
    Uploading,

    /// <summary>A large image waiting for metadata stripping and its thumbnail in the background.</summary>
    Processing,

    Ready,
}
