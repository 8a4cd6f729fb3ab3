using Messaging.Core.Attachments;

namespace Messaging.Web.Features.Attachments;

/// <summary>Reports how many bytes have passed, for the upload progress bar.</summary>
internal sealed class ProgressStream(Stream inner, Action<long> progress) : ReadOnlyStream
{
    private long total;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        total += read;
        progress(total);
        return read;
    }
}
