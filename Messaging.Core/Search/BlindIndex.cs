using System.Security.Cryptography;
using System.Text;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

/// <summary>
/// Search in encrypted conversations without storing their words (ADR 0028): each folded word of a message, each of
/// its findable forms (<see cref="WordVariants"/>) and each form's beginnings of <see cref="MinPrefix"/> to
/// <see cref="MaxPrefix"/> letters are stored as HMAC-SHA-256 under a key derived from the conversation's data key
/// with its own HKDF label. A query hashes its words the same way; candidates are then decrypted for the caller and
/// checked word by word, which also settles prefixes longer than <see cref="MaxPrefix"/> and one-letter ones.
/// </summary>
public sealed class BlindIndex(ConversationCipher cipher)
{
    /// <summary>HKDF info label: the index key is never the content key, and never another use's key.</summary>
    public const string KeyLabel = "Messaging.Search.BlindIndex.v1";

    /// <summary>Shortest beginning of a word that is indexed; a shorter last word is only checked after decrypting.</summary>
    public const int MinPrefix = 2;

    /// <summary>
    /// Longest beginning of a word that is indexed. Six letters cover most of an Arabic or English word as it is typed;
    /// longer typed prefixes look up their first six letters and are checked after decrypting. More would add index
    /// rows per word for little narrowing.
    /// </summary>
    public const int MaxPrefix = 6;

    /// <summary>128 bits of the HMAC: collisions within one conversation are negligible, and a match is re-checked anyway.</summary>
    public const int HashBytes = 16;

    public const int HashTextLength = 24;

    // Whole words and beginnings are hashed apart: the word "cat" must not find "catalog", the beginning "cat" must.
    private const string Whole = "w";
    private const string Prefix = "p";

    /// <summary>The index key of an encrypted conversation; the caller clears it after use.</summary>
    public byte[] KeyFor(Guid conversationId, string wrappedKey) => cipher.DeriveKey(wrappedKey, conversationId, KeyLabel);

    /// <summary>The distinct hashes a message's content is found by.</summary>
    public static HashSet<string> TokensOf(byte[] key, string? content)
    {
        var folded = TextNormalizer.Normalize(content);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, length) in SearchDocument.Words(folded))
        {
            foreach (var form in WordVariants.Of(folded.Substring(start, length)))
            {
                hashes.Add(Hash(key, Whole, form));
                for (var size = MinPrefix; size <= Math.Min(MaxPrefix, form.Length); size++)
                {
                    hashes.Add(Hash(key, Prefix, form[..size]));
                }
            }
        }

        return hashes;
    }

    /// <summary>
    /// The hashes any one of which a message must hold to match <paramref name="term"/>; null when the term cannot be
    /// looked up (a one-letter last word), so only the decrypted text decides.
    /// </summary>
    public static IReadOnlyList<string>? HashesOf(byte[] key, SearchTerm term)
    {
        if (!term.IsPrefix)
        {
            return [.. term.Forms.Select(f => Hash(key, Whole, f)).Distinct(StringComparer.Ordinal)];
        }

        return term.Forms.Any(f => f.Length < MinPrefix)
            ? null
            : [.. term.Forms.Select(f => Hash(key, Prefix, f[..Math.Min(f.Length, MaxPrefix)])).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Adds a new message's entries to the context (saved with the message, in its transaction).</summary>
    public void Add(MessagingDbContext db, Conversation conversation, Guid messageId, string content)
    {
        var key = KeyFor(conversation.Id, conversation.WrappedDataKey!);
        try
        {
            db.BlindTokens.AddRange(TokensOf(key, content).Select(h => new BlindToken { ConversationId = conversation.Id, MessageId = messageId, Hash = h }));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Brings a message's entries to its new content (an edit), or removes them all (null: a deletion). Only the
    /// difference is written, by the caller's SaveChanges, so it commits or fails with the change itself.
    /// </summary>
    public async Task ReplaceAsync(MessagingDbContext db, Conversation conversation, Guid messageId, string? content, CancellationToken cancellationToken)
    {
        var stored = await db.BlindTokens.Where(t => t.MessageId == messageId).ToListAsync(cancellationToken);
        HashSet<string> wanted = [];
        if (content is not null)
        {
            var key = KeyFor(conversation.Id, conversation.WrappedDataKey!);
            try
            {
                wanted = TokensOf(key, content);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        db.BlindTokens.RemoveRange(stored.Where(t => !wanted.Contains(t.Hash)));
        wanted.ExceptWith(stored.Select(t => t.Hash));
        db.BlindTokens.AddRange(wanted.Select(h => new BlindToken { ConversationId = conversation.Id, MessageId = messageId, Hash = h }));
    }

    private static string Hash(byte[] key, string kind, string token)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(kind + "\u001f" + token), mac);
        return Convert.ToBase64String(mac[..HashBytes]);
    }
}
