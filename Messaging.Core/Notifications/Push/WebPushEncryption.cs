using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Messaging.Core.Notifications.Push;

/// <summary>
/// Message encryption for Web Push, RFC 8291 with the <c>aes128gcm</c> content coding of RFC 8188: ECDH on P-256
/// between a fresh application-server key and the browser's key, HKDF-SHA256 keyed by the browser's auth secret,
/// one AES-128-GCM record. Only .NET's own primitives.
/// </summary>
public static class WebPushEncryption
{
    public const int RecordSize = 4096;
    private const int TagLength = 16;

    /// <summary>Encrypts <paramref name="plaintext"/> to a subscription's <c>p256dh</c> key and <c>auth</c> secret.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret)
    {
        using var serverKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return Encrypt(plaintext, userAgentPublicKey, authSecret, serverKey, RandomNumberGenerator.GetBytes(16));
    }

    /// <summary>With a given server key and salt: for the RFC 8291 test vector only.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret, ECDiffieHellman serverKey, byte[] salt)
    {
        var serverPublic = PublicKeyBytes(serverKey);
        using var userAgentKey = ImportPublic(userAgentPublicKey);
        var sharedSecret = serverKey.DeriveRawSecretAgreement(userAgentKey.PublicKey);
        var (key, nonce) = DeriveKeyAndNonce(sharedSecret, authSecret, userAgentPublicKey, serverPublic, salt);

        // One record: the content, then the 0x02 delimiter of the last record (RFC 8188 section 2).
        var padded = new byte[plaintext.Length + 1];
        plaintext.CopyTo(padded);
        padded[^1] = 2;
        if (padded.Length + TagLength > RecordSize)
        {
            throw new ArgumentException("The payload is too large for one Web Push record.", nameof(plaintext));
        }

        var body = new byte[16 + 4 + 1 + serverPublic.Length + padded.Length + TagLength];
        salt.CopyTo(body, 0);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(16, 4), RecordSize);
        body[20] = (byte)serverPublic.Length;
        serverPublic.CopyTo(body, 21);
        var cipherStart = 21 + serverPublic.Length;
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, padded, body.AsSpan(cipherStart, padded.Length), body.AsSpan(cipherStart + padded.Length, TagLength));
        return body;
    }

    /// <summary>What the browser does on arrival: used by the tests to prove a round trip.</summary>
    public static byte[] Decrypt(ReadOnlySpan<byte> body, ECDiffieHellman userAgentKey, ReadOnlySpan<byte> authSecret)
    {
        var salt = body[..16].ToArray();
        var idLength = body[20];
        var serverPublic = body.Slice(21, idLength);
        var cipher = body[(21 + idLength)..];
        using var serverKey = ImportPublic(serverPublic);
        var sharedSecret = userAgentKey.DeriveRawSecretAgreement(serverKey.PublicKey);
        var (key, nonce) = DeriveKeyAndNonce(sharedSecret, authSecret, PublicKeyBytes(userAgentKey), serverPublic, salt);
        var padded = new byte[cipher.Length - TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(nonce, cipher[..^TagLength], cipher[^TagLength..], padded);
        var end = Array.LastIndexOf(padded, (byte)2);
        if (end < 0)
        {
            throw new CryptographicException("No record delimiter.");
        }

        return padded[..end];
    }

    /// <summary>The uncompressed point (0x04 || X || Y) of a P-256 key, as browsers give and expect it.</summary>
    public static byte[] PublicKeyBytes(ECAlgorithm key)
    {
        var parameters = key.ExportParameters(false);
        return [4, .. parameters.Q.X!, .. parameters.Q.Y!];
    }

    public static ECDiffieHellman ImportPublic(ReadOnlySpan<byte> uncompressed)
    {
        if (uncompressed.Length != 65 || uncompressed[0] != 4)
        {
            throw new CryptographicException("Not an uncompressed P-256 point.");
        }

        return ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = uncompressed.Slice(1, 32).ToArray(), Y = uncompressed.Slice(33, 32).ToArray() },
        });
    }

    /// <summary>A P-256 key pair from its private scalar and public point (base64url decoded).</summary>
    public static ECParameters PrivateParameters(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = privateKey.ToArray(),
        Q = new ECPoint { X = publicKey.Slice(1, 32).ToArray(), Y = publicKey.Slice(33, 32).ToArray() },
    };

    private static (byte[] Key, byte[] Nonce) DeriveKeyAndNonce(
        byte[] sharedSecret, ReadOnlySpan<byte> authSecret, ReadOnlySpan<byte> userAgentPublic, ReadOnlySpan<byte> serverPublic, byte[] salt)
    {
        // RFC 8291 section 3.4: key_info = "WebPush: info" || 0x00 || ua_public || as_public.
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. userAgentPublic, .. serverPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, authSecret.ToArray(), keyInfo);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));
        return (key, nonce);
    }
}
