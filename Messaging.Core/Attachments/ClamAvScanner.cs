using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Messaging.Core.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Attachments;

/// <summary>
/// The optional malware check: streams a file to clamd with INSTREAM (length-prefixed chunks, then a zero length)
/// and reads its verdict. Off unless <see cref="AttachmentOptions.ClamAv"/> is set. When it is set but clamd cannot
/// be reached, uploads are refused (fail closed) rather than stored unscanned.
/// </summary>
public sealed partial class ClamAvScanner(IOptions<AttachmentOptions> options, ILogger<ClamAvScanner> logger)
{
    private const int ChunkSize = 64 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.ClamAv);

    /// <summary>Throws <see cref="ErrorCode.MalwareDetected"/> when clamd finds something in <paramref name="content"/>.</summary>
    public async Task ScanAsync(Stream content, CancellationToken cancellationToken)
    {
        string reply;
        try
        {
            using var socket = await ConnectAsync(options.Value.ClamAv!, cancellationToken);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), cancellationToken);
            var buffer = new byte[4 + ChunkSize];
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(4, ChunkSize), cancellationToken)) > 0)
            {
                BinaryPrimitives.WriteInt32BigEndian(buffer, read);
                await stream.WriteAsync(buffer.AsMemory(0, 4 + read), cancellationToken);
            }

            await stream.WriteAsync(new byte[4], cancellationToken);
            reply = await ReadReplyAsync(stream, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            LogUnavailable(logger, ex);
            throw new MessagingException(ErrorCode.ScanUnavailable);
        }

        if (reply.EndsWith("FOUND", StringComparison.Ordinal))
        {
            LogFound(logger, reply);
            throw new MessagingException(ErrorCode.MalwareDetected, "file");
        }

        if (!reply.EndsWith("OK", StringComparison.Ordinal))
        {
            // "INSTREAM size limit exceeded" or another error: not a verdict, so not downloadable.
            LogUnexpected(logger, reply);
            throw new MessagingException(ErrorCode.ScanUnavailable);
        }
    }

    private static async Task<Socket> ConnectAsync(string address, CancellationToken cancellationToken)
    {
        Socket socket;
        EndPoint endPoint;
        if (address.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            var uri = new Uri(address);
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            endPoint = new DnsEndPoint(uri.Host, uri.Port);
        }
        else
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            endPoint = new UnixDomainSocketEndPoint(address.StartsWith("unix://", StringComparison.OrdinalIgnoreCase) ? address[7..] : address);
        }

        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var reply = new List<byte>();
        var one = new byte[256];
        while (true)
        {
            var read = await stream.ReadAsync(one, cancellationToken);
            if (read == 0)
            {
                break;
            }

            var end = Array.IndexOf(one, (byte)0, 0, read);
            reply.AddRange(one.AsSpan(0, end < 0 ? read : end).ToArray());
            if (end >= 0 || reply.Count > 4096)
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(reply.ToArray()).Trim();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "clamd is configured but could not be reached; uploads are refused until it is")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "clamd refused an upload: {Reply}")]
    private static partial void LogFound(ILogger logger, string reply);

    [LoggerMessage(Level = LogLevel.Error, Message = "clamd answered without a verdict: {Reply}")]
    private static partial void LogUnexpected(ILogger logger, string reply);
}
