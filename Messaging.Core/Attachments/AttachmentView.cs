namespace Messaging.Core.Attachments;

/// <summary>The API shape of a file shared in a conversation.</summary>
public sealed record AttachmentView(
    Guid Id,
    string Type,
    string Filename,
    string ContentType,
    long Size,
    int? Width,
    int? Height,
    string Url,
    string? ThumbnailUrl)
{
    public static AttachmentView Of(Attachment a) => new(
        a.Id,
        a.Kind == AttachmentKind.Image ? "image" : "file",
        a.FileName,
        a.ContentType,
        a.Size,
        a.Width,
        a.Height,
        $"/api/v1/messaging/attachments/{a.Id}",
        a.Kind == AttachmentKind.Image && a.State == AttachmentState.Ready && a.ThumbnailKey is not null
            ? $"/api/v1/messaging/attachments/{a.Id}/thumbnail"
            : null);
}
