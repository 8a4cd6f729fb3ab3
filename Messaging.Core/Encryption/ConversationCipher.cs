using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace Messaging.Core.Encryption;

/// <summary>
/// Encryption at rest for sensitive conversations: AES-256-GCM under a per-conversation data key, which is stored
/// wrapped by ASP.NET Core Data Protection (the key ring lives in the data directory or Redis, never in the database).
/// Ciphertext layout, base64: version(1) | nonce(12) | tag(16) | ciphertext.
/// </summary>
public sealed class ConversationCipher(IDataProtectionProvider dataProtection, IMemoryCache cache)
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly IDataProtector protector = dataProtection.CreateProtector("Messaging.Encryption.ConversationDataKey.v1");

    /// <summary>A new random data key, wrapped for storage on the conversation.</summary>
    public string CreateWrappedKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            return Convert.ToBase64String(protector.Protect(key));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public string Encrypt(string wrappedKey, string plaintext)
    {
        var key = Unwrap(wrappedKey);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + NonceSize + TagSize + plain.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize));
        return Convert.ToBase64String(output);
    }

    public string Decrypt(string wrappedKey, string ciphertext)
    {
        if (string.IsNullOrEmpty(ciphertext))
        {
            return "";
        }

        var key = Unwrap(wrappedKey);
        var input = Convert.FromBase64String(ciphertext);
        if (input.Length < 1 + NonceSize + TagSize || input[0] != FormatVersion)
        {
            throw new CryptographicException("Unknown ciphertext format.");
        }

        var plain = new byte[input.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input.AsSpan(1, NonceSize), input.AsSpan(1 + NonceSize + TagSize), input.AsSpan(1 + NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// A key for another use of the conversation's data key (e.g. attachments), derived with HKDF so the two uses never
    /// share a key. The caller owns the returned array.
    /// </summary>
    public byte[] DeriveKey(string wrappedKey, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Unwrap(wrappedKey), 32, info: Encoding.UTF8.GetBytes(purpose));

    // Unwrapping costs a Data Protection round trip; keep unwrapped keys briefly in process memory only.
    private byte[] Unwrap(string wrappedKey) =>
        cache.GetOrCreate(("conversation-key", wrappedKey), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            entry.Size = 1;
            return protector.Unprotect(Convert.FromBase64String(wrappedKey));
        })!;
}
