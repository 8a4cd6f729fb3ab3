using Messaging.Core.Encryption;

namespace Messaging.Core.Attachments;

/// <summary>An attachment's stored objects (content and thumbnail), encrypted on the way in and decrypted on the way out where the conversation is.</summary>
public sealed class AttachmentBlobs(IAttachmentStore store, ConversationCipher cipher)
{
    private const string KeyPurpose = "messaging/attachments/v1";

    public IAttachmentStore Store => store;

    public static string ContentKey(Guid id) => id.ToString("N");

    public static string ThumbnailKey(Guid id) => $"{id:N}.thumb";

    public async Task PutAsync(Attachment attachment, AttachmentPart part, Stream plaintext, string? wrappedKey, CancellationToken cancellationToken)
    {
        var key = part == AttachmentPart.Thumbnail ? ThumbnailKey(attachment.Id) : ContentKey(attachment.Id);
        if (!attachment.IsEncrypted)
        {
            await store.PutAsync(key, plaintext, cancellationToken);
            return;
        }

        var dataKey = cipher.DeriveKey(wrappedKey!, attachment.ConversationId, KeyPurpose);
        await using var encrypting = ChunkedCipher.Encrypting(plaintext, dataKey, attachment.Id, part);
        await store.PutAsync(key, encrypting, cancellationToken);
    }

    /// <summary>Plaintext of one part from <paramref name="offset"/> to the end.</summary>
    public async Task<Stream> OpenAsync(Attachment attachment, AttachmentPart part, long offset, string? wrappedKey, CancellationToken cancellationToken)
    {
        var key = part == AttachmentPart.Thumbnail ? attachment.ThumbnailKey! : attachment.StorageKey;
        if (!attachment.IsEncrypted)
        {
            return await store.OpenReadAsync(key, offset, cancellationToken);
        }

        var size = part == AttachmentPart.Thumbnail ? attachment.ThumbnailSize ?? 0 : attachment.Size;
        var chunk = offset / ChunkedCipher.ChunkSize;
        var stored = await store.OpenReadAsync(key, ChunkedCipher.StoredOffset(chunk), cancellationToken);
        return ChunkedCipher.Decrypting(stored, cipher.DeriveKey(wrappedKey!, attachment.ConversationId, KeyPurpose), attachment.Id, part, size, offset);
    }

    public async Task DeleteAsync(Attachment attachment, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(attachment.StorageKey, cancellationToken);
        if (attachment.ThumbnailKey is not null)
        {
            await store.DeleteAsync(attachment.ThumbnailKey, cancellationToken);
        }
    }
}
