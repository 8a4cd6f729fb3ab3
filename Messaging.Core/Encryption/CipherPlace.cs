using System.Text;

namespace Messaging.Core.Encryption;

/// <summary>
/// Where an encrypted value belongs: its conversation, its row (message or conversation id) and its field. Sealed into
/// the AES-GCM associated data, so a ciphertext copied to another row, field or conversation no longer opens (ADR 0017).
/// </summary>
public readonly record struct CipherPlace(Guid ConversationId, Guid RecordId, string Field)
{
    public const string MessageContentField = "message.content";
    public const string ConversationPreviewField = "conversation.preview";

    public static CipherPlace MessageContent(Guid conversationId, Guid messageId) => new(conversationId, messageId, MessageContentField);

    public static CipherPlace ConversationPreview(Guid conversationId) => new(conversationId, conversationId, ConversationPreviewField);

    /// <summary>"messaging" | format version | conversation id | record id | field, with fixed-size ids.</summary>
    internal byte[] AssociatedData(byte version)
    {
        var field = Encoding.UTF8.GetBytes(Field);
        var data = new byte[9 + 1 + 16 + 16 + field.Length];
        "messaging"u8.CopyTo(data);
        data[9] = version;
        ConversationId.TryWriteBytes(data.AsSpan(10, 16), bigEndian: true, out _);
        RecordId.TryWriteBytes(data.AsSpan(26, 16), bigEndian: true, out _);
        field.CopyTo(data.AsSpan(42));
        return data;
    }
}
