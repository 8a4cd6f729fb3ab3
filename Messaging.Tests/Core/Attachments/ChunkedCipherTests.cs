using System.Security.Cryptography;
using Messaging.Core.Attachments;

namespace Messaging.Tests.Core.Attachments;

public sealed class ChunkedCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ChunkedCipher.ChunkSize)]
    [InlineData(ChunkedCipher.ChunkSize + 1)]
    [InlineData((3 * ChunkedCipher.ChunkSize) + 17)]
    public async Task Decrypting_FromAnyOffset_YieldsThePlaintextFromThere(int size)
    {
        var plain = RandomNumberGenerator.GetBytes(size);
        var id = Guid.CreateVersion7();
        var stored = await EncryptAsync(plain, id);
        Assert.Equal(ChunkedCipher.StoredSize(size), stored.Length);

        foreach (var offset in new[] { 0, 1, ChunkedCipher.ChunkSize - 1, ChunkedCipher.ChunkSize, ChunkedCipher.ChunkSize + 5, size - 1, size }.Where(o => o >= 0 && o <= size).Distinct())
        {
            var chunk = offset / ChunkedCipher.ChunkSize;
            using var source = new MemoryStream(stored);
            source.Position = ChunkedCipher.StoredOffset(chunk);
            await using var decrypting = ChunkedCipher.Decrypting(source, Key, id, AttachmentPart.Content, size, offset);
            using var output = new MemoryStream();
            await decrypting.CopyToAsync(output);
            Assert.Equal(plain[offset..], output.ToArray());
        }
    }

    [Fact]
    public async Task Decrypting_ChunksTamperedSwappedOrOfAnotherFile_Fails()
    {
        var plain = RandomNumberGenerator.GetBytes((2 * ChunkedCipher.ChunkSize) + 10);
        var id = Guid.CreateVersion7();
        var stored = await EncryptAsync(plain, id);

        var flipped = (byte[])stored.Clone();
        flipped[100] ^= 1;
        await Assert.ThrowsAnyAsync<CryptographicException>(() => DecryptAsync(flipped, id, plain.Length));

        var chunk = ChunkedCipher.ChunkSize + ChunkedCipher.Overhead;
        var swapped = stored[chunk..(2 * chunk)].Concat(stored[..chunk]).Concat(stored[(2 * chunk)..]).ToArray();
        await Assert.ThrowsAnyAsync<CryptographicException>(() => DecryptAsync(swapped, id, plain.Length));

        await Assert.ThrowsAnyAsync<CryptographicException>(() => DecryptAsync(stored, Guid.CreateVersion7(), plain.Length));

        // Cut after a full chunk: the remaining chunk was not sealed as the last one.
        await Assert.ThrowsAnyAsync<CryptographicException>(() => DecryptAsync(stored[..(2 * chunk)], id, 2 * ChunkedCipher.ChunkSize));

        Assert.Equal(plain, await DecryptAsync(stored, id, plain.Length));
    }

    private static async Task<byte[]> EncryptAsync(byte[] plain, Guid id)
    {
        using var source = new MemoryStream(plain);
        await using var encrypting = ChunkedCipher.Encrypting(source, Key, id, AttachmentPart.Content);
        using var output = new MemoryStream();
        await encrypting.CopyToAsync(output);
        return output.ToArray();
    }

    private static async Task<byte[]> DecryptAsync(byte[] stored, Guid id, long size)
    {
        await using var decrypting = ChunkedCipher.Decrypting(new MemoryStream(stored), Key, id, AttachmentPart.Content, size, 0);
        using var output = new MemoryStream();
        await decrypting.CopyToAsync(output);
        return output.ToArray();
    }
}
