namespace Messaging.Core.Attachments;

/// <summary>The <c>Messaging:Attachments</c> configuration section (docs/configuration.md).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Messaging:Attachments";

    /// <summary>Largest upload in bytes; larger is refused with 413.</summary>
    public long MaxBytes { get; set; } = 104_857_600;

    /// <summary>Allowed types by name (see <see cref="FileTypes"/>): jpeg, png, gif, webp, pdf, text, csv, docx, xlsx, pptx, zip.</summary>
    public List<string> AllowedTypes { get; set; } = [];

    public AttachmentStoreKind Store { get; set; } = AttachmentStoreKind.FileSystem;

    public S3StoreOptions S3 { get; set; } = new();

    /// <summary>Edge of the thumbnail's longer side, in pixels.</summary>
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>Images with more pixels are refused (413): decoding them would need too much memory.</summary>
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Images up to this size are cleaned and thumbnailed during the upload; larger ones in the background.</summary>
    public long BackgroundImageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>An upload never referenced by a message is deleted after this long.</summary>
    public TimeSpan UnreferencedLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>When the clean-up job runs (Hangfire cron, UTC); every ten minutes by default.</summary>
    public string CleanupCron { get; set; } = "*/10 * * * *";

    /// <summary>Total bytes one user may keep uploaded; 0 = no limit.</summary>
    public long UserQuotaBytes { get; set; }

    /// <summary>Total bytes one conversation may hold; 0 = no limit.</summary>
    public long ConversationQuotaBytes { get; set; }

    /// <summary>clamd address: a Unix socket path (/run/clamav/clamd.ctl) or tcp://host:port. Empty = no scanning.</summary>
    public string? ClamAv { get; set; }

    public IReadOnlyList<string> EffectiveAllowedTypes => AllowedTypes.Count > 0 ? AllowedTypes : FileTypes.DefaultAllowed;
}

public enum AttachmentStoreKind
{
    FileSystem,
    S3,
}

public sealed class S3StoreOptions
{
    public string? ServiceUrl { get; set; }
    public string Bucket { get; set; } = "messaging-attachments";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Region { get; set; } = "us-east-1";
    public bool ForcePathStyle { get; set; }
}
