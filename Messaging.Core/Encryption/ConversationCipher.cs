using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace Messaging.Core.Encryption;

/// <summary>
/// Encryption at rest for sensitive conversations: AES-256-GCM under a per-conversation data key, which is stored
/// wrapped by ASP.NET Core Data Protection (the key ring lives in the data directory or Redis, never in the database).
/// Ciphertext layout, base64: version(1) | nonce(12) | tag(16) | ciphertext. Version 2 binds each ciphertext to where it
/// belongs through the associated data (see <see cref="CipherPlace"/> and ADR 0017); version 1 (no associated data) is
/// still read so rows written before stay readable.
/// </summary>
public sealed class ConversationCipher(IDataProtectionProvider dataProtection, IMemoryCache cache)
{
    private const byte LegacyVersion = 1;
    private const byte BoundVersion = 2;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Wrapped keys of format 2 start with this marker; they are protected under a purpose that names the conversation.
    private const string WrappedKeyV2Prefix = "2:";
    private const string KeyPurpose = "Messaging.Encryption.ConversationDataKey.v1";
    private readonly IDataProtector legacyProtector = dataProtection.CreateProtector(KeyPurpose);

    /// <summary>A new random data key for <paramref name="conversationId"/>, wrapped for storage on the conversation.</summary>
    public string CreateWrappedKey(Guid conversationId)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            return WrappedKeyV2Prefix + Convert.ToBase64String(ProtectorFor(conversationId).Protect(key));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public string Encrypt(string wrappedKey, CipherPlace place, string plaintext)
    {
        var key = Unwrap(wrappedKey, place.ConversationId);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + NonceSize + TagSize + plain.Length];
        output[0] = BoundVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), place.AssociatedData(BoundVersion));
        return Convert.ToBase64String(output);
    }

    /// <summary>The plaintext; throws <see cref="CryptographicException"/> when the ciphertext is not for this place.</summary>
    public string Decrypt(string wrappedKey, CipherPlace place, string ciphertext)
    {
        if (string.IsNullOrEmpty(ciphertext))
        {
            return "";
        }

        var key = Unwrap(wrappedKey, place.ConversationId);
        byte[] input;
        try
        {
            input = Convert.FromBase64String(ciphertext);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("Ciphertext is not base64.", e);
        }

        if (input.Length < 1 + NonceSize + TagSize || input[0] is not (LegacyVersion or BoundVersion))
        {
            throw new CryptographicException("Unknown ciphertext format.");
        }

        // Version 1 predates the binding: it has no associated data (ADR 0017).
        var associated = input[0] == BoundVersion ? place.AssociatedData(BoundVersion) : null;
        var plain = new byte[input.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input.AsSpan(1, NonceSize), input.AsSpan(1 + NonceSize + TagSize), input.AsSpan(1 + NonceSize, TagSize), plain, associated);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The plaintext, or null when it cannot be opened here (moved, tampered with, or its key is gone).</summary>
    public string? TryDecrypt(string wrappedKey, CipherPlace place, string ciphertext)
    {
        try
        {
            return Decrypt(wrappedKey, place, ciphertext);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// A key for another use of the conversation's data key (e.g. attachments), derived with HKDF so the two uses never
    /// share a key. The caller owns the returned array.
    /// </summary>
    public byte[] DeriveKey(string wrappedKey, Guid conversationId, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Unwrap(wrappedKey, conversationId), 32, info: Encoding.UTF8.GetBytes(purpose));

    // A wrapped key only unwraps for its own conversation: copying it onto another conversation's row fails.
    private IDataProtector ProtectorFor(Guid conversationId) =>
        legacyProtector.CreateProtector(conversationId.ToString("N"));

    // Unwrapping costs a Data Protection round trip; keep unwrapped keys briefly in process memory only.
    private byte[] Unwrap(string wrappedKey, Guid conversationId) =>
        cache.GetOrCreate(("conversation-key", conversationId, wrappedKey), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            entry.Size = 1;
            try
            {
                return wrappedKey.StartsWith(WrappedKeyV2Prefix, StringComparison.Ordinal)
                    ? ProtectorFor(conversationId).Unprotect(Convert.FromBase64String(wrappedKey[WrappedKeyV2Prefix.Length..]))
                    : legacyProtector.Unprotect(Convert.FromBase64String(wrappedKey));
            }
            catch (FormatException e)
            {
                throw new CryptographicException("Wrapped key is not base64.", e);
            }
        })!;
}
