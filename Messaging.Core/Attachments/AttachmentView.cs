namespace Messaging.Core.Attachments;

/// <summary>The API shape of a file shared in a conversation. Uploads are not built yet, so lists are empty.</summary>
public sealed record AttachmentView(Guid Id, string Type, string Filename, string ContentType, long Size, string Url, string? ThumbnailUrl);
