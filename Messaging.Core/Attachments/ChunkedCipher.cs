using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Messaging.Core.Attachments;

/// <summary>
/// Encryption at rest for attachment bytes: the plaintext is cut into 64 KiB chunks, each sealed with AES-256-GCM under
/// its own random nonce. Stored chunk: nonce(12) | ciphertext | tag(16). The associated data binds each chunk to its
/// file, its part (bytes or thumbnail), its index and whether it is the last, so chunks cannot be swapped, reordered,
/// moved between files or cut off. A byte range maps to whole chunks, which is what keeps HTTP Range cheap.
/// </summary>
public static class ChunkedCipher
{
    public const int ChunkSize = 64 * 1024;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = NonceSize + TagSize;

    public static long ChunkCount(long plaintextSize) => Math.Max(1, (plaintextSize + ChunkSize - 1) / ChunkSize);

    public static long StoredSize(long plaintextSize) => plaintextSize + (ChunkCount(plaintextSize) * Overhead);

    /// <summary>Where chunk <paramref name="index"/> starts in the stored bytes.</summary>
    public static long StoredOffset(long index) => index * (ChunkSize + (long)Overhead);

    internal static byte[] AssociatedData(Guid fileId, AttachmentPart part, long index, bool final)
    {
        var data = new byte[16 + 1 + 8 + 1];
        fileId.TryWriteBytes(data.AsSpan(0, 16), bigEndian: true, out _);
        data[16] = (byte)part;
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(17, 8), index);
        data[25] = final ? (byte)1 : (byte)0;
        return data;
    }

    /// <summary>A stream that reads <paramref name="plaintext"/> and yields its encrypted form.</summary>
    public static Stream Encrypting(Stream plaintext, byte[] key, Guid fileId, AttachmentPart part) =>
        new EncryptingStream(plaintext, key, fileId, part);

    /// <summary>
    /// A stream of plaintext from <paramref name="offset"/> to the end, reading <paramref name="stored"/>, which must be
    /// positioned at the start of the chunk holding <paramref name="offset"/> (see <see cref="StoredOffset"/>).
    /// </summary>
    public static Stream Decrypting(Stream stored, byte[] key, Guid fileId, AttachmentPart part, long plaintextSize, long offset) =>
        new DecryptingStream(stored, key, fileId, part, plaintextSize, offset);

    private sealed class EncryptingStream(Stream source, byte[] key, Guid fileId, AttachmentPart part) : ReadOnlyStream
    {
        private readonly AesGcm aes = new(key, TagSize);
        private readonly byte[] plain = new byte[ChunkSize + 1];
        private readonly byte[] sealedChunk = new byte[ChunkSize + Overhead];
        private int carried;
        private long index;
        private int outputStart;
        private int outputEnd;
        private bool finished;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (outputStart == outputEnd)
            {
                if (finished)
                {
                    return 0;
                }

                await SealNextAsync(cancellationToken);
            }

            var count = Math.Min(buffer.Length, outputEnd - outputStart);
            sealedChunk.AsMemory(outputStart, count).CopyTo(buffer);
            outputStart += count;
            return count;
        }

        private async Task SealNextAsync(CancellationToken cancellationToken)
        {
            // Read one byte past a full chunk: it tells whether this chunk is the last one.
            var filled = carried;
            while (filled < plain.Length)
            {
                var read = await source.ReadAsync(plain.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            var final = filled <= ChunkSize;
            var length = final ? filled : ChunkSize;
            var nonce = sealedChunk.AsSpan(0, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            aes.Encrypt(
                nonce,
                plain.AsSpan(0, length),
                sealedChunk.AsSpan(NonceSize, length),
                sealedChunk.AsSpan(NonceSize + length, TagSize),
                AssociatedData(fileId, part, index, final));
            index++;
            outputStart = 0;
            outputEnd = length + Overhead;
            if (final)
            {
                finished = true;
                carried = 0;
            }
            else
            {
                plain[0] = plain[ChunkSize];
                carried = 1;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                aes.Dispose();
                CryptographicOperations.ZeroMemory(plain);
            }

            base.Dispose(disposing);
        }
    }

    private sealed class DecryptingStream : ReadOnlyStream
    {
        private readonly Stream stored;
        private readonly AesGcm aes;
        private readonly Guid fileId;
        private readonly AttachmentPart part;
        private readonly long chunks;
        private readonly long plaintextSize;
        private readonly byte[] sealedChunk = new byte[ChunkSize + Overhead];
        private readonly byte[] plain = new byte[ChunkSize];
        private long index;
        private int skip;
        private int outputStart;
        private int outputEnd;

        public DecryptingStream(Stream stored, byte[] key, Guid fileId, AttachmentPart part, long plaintextSize, long offset)
        {
            this.stored = stored;
            aes = new AesGcm(key, TagSize);
            this.fileId = fileId;
            this.part = part;
            this.plaintextSize = plaintextSize;
            chunks = ChunkCount(plaintextSize);
            index = offset / ChunkSize;
            skip = (int)(offset % ChunkSize);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (outputStart == outputEnd)
            {
                if (index >= chunks)
                {
                    return 0;
                }

                await OpenNextAsync(cancellationToken);
            }

            var count = Math.Min(buffer.Length, outputEnd - outputStart);
            plain.AsMemory(outputStart, count).CopyTo(buffer);
            outputStart += count;
            return count;
        }

        private async Task OpenNextAsync(CancellationToken cancellationToken)
        {
            var final = index == chunks - 1;
            var length = (int)(final ? plaintextSize - (index * ChunkSize) : ChunkSize);
            await stored.ReadExactlyAsync(sealedChunk.AsMemory(0, length + Overhead), cancellationToken);
            aes.Decrypt(
                sealedChunk.AsSpan(0, NonceSize),
                sealedChunk.AsSpan(NonceSize, length),
                sealedChunk.AsSpan(NonceSize + length, TagSize),
                plain.AsSpan(0, length),
                AssociatedData(fileId, part, index, final));
            index++;
            outputStart = skip;
            outputEnd = length;
            skip = 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                aes.Dispose();
                stored.Dispose();
                CryptographicOperations.ZeroMemory(plain);
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>Which stored object of an attachment a chunk belongs to (part of the associated data).</summary>
public enum AttachmentPart : byte
{
    Content = 0,
    Thumbnail = 1,
    Spool = 2,
}
