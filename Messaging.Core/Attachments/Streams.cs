using System.Security.Cryptography;
using Messaging.Core.Common;

namespace Messaging.Core.Attachments;

/// <summary>Base for forward-only, async-only read streams. Synchronous reads are refused: they would block a thread.</summary>
public abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// Counts and hashes (SHA-256) what passes through, and refuses with <see cref="ErrorCode.FileTooLarge"/> as soon as
/// more than <paramref name="maxBytes"/> arrive, so an oversized upload stops early instead of filling the disk.
/// </summary>
internal sealed class MeteredStream(Stream inner, long maxBytes) : ReadOnlyStream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? digest;

    public long Count { get; private set; }

    public string Sha256 => digest ??= Convert.ToHexStringLower(hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count += read;
        if (Count > maxBytes)
        {
            throw new MessagingException(ErrorCode.FileTooLarge, "file");
        }

        hash.AppendData(buffer.Span[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>The sniffed head of an upload followed by the rest of it.</summary>
internal sealed class PrefixedStream(byte[] head, int headLength, Stream rest) : ReadOnlyStream
{
    private int position;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position < headLength)
        {
            var count = Math.Min(buffer.Length, headLength - position);
            head.AsMemory(position, count).CopyTo(buffer);
            position += count;
            return count;
        }

        return await rest.ReadAsync(buffer, cancellationToken);
    }
}

/// <summary>
/// A seekable view of a stored attachment for HTTP Range: every seek reopens the store at the new position (for
/// encrypted files, at the chunk holding it), so only the requested bytes are read and decrypted.
/// </summary>
public sealed class RangeReadStream(long length, Func<long, CancellationToken, Task<Stream>> openAt) : Stream
{
    private Stream? current;
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= length)
        {
            return 0;
        }

        current ??= await openAt(position, cancellationToken);
        var read = await current.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - position)], cancellationToken);
        position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        if (target != position)
        {
            current?.Dispose();
            current = null;
            position = target;
        }

        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            current?.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (current is not null)
        {
            await current.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
