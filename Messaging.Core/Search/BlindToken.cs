namespace Messaging.Core.Search;

/// <summary>
/// One entry of an encrypted conversation's blind index: a keyed hash of one of a message's words (or of a word's
/// beginning), never the word itself. See <see cref="BlindIndex"/> and docs/security.md.
/// </summary>
public sealed class BlindToken
{
    public Guid ConversationId { get; set; }

    public Guid MessageId { get; set; }

    /// <summary>Base64 of the first <see cref="BlindIndex.HashBytes"/> bytes of HMAC-SHA-256 under the conversation's index key.</summary>
    public string Hash { get; set; } = "";
}
