using System.Text;

namespace Messaging.Core.Attachments;

/// <summary>A type decided from a file's first bytes.</summary>
public sealed record FileType(string Name, string ContentType, AttachmentKind Kind);

/// <summary>
/// Decides a file's type from its magic numbers, never from its name or the client's Content-Type. The only use of
/// the name is to tell CSV from other plain text, which the bytes cannot.
/// </summary>
public static class FileTypes
{
    /// <summary>How many leading bytes detection looks at (enough for the first entries of an Office ZIP).</summary>
    public const int SniffLength = 64 * 1024;

    public static readonly FileType Jpeg = new("jpeg", "image/jpeg", AttachmentKind.Image);
    public static readonly FileType Png = new("png", "image/png", AttachmentKind.Image);
    public static readonly FileType Gif = new("gif", "image/gif", AttachmentKind.Image);
    public static readonly FileType WebP = new("webp", "image/webp", AttachmentKind.Image);
    public static readonly FileType Pdf = new("pdf", "application/pdf", AttachmentKind.File);
    public static readonly FileType Text = new("text", "text/plain", AttachmentKind.File);
    public static readonly FileType Csv = new("csv", "text/csv", AttachmentKind.File);
    public static readonly FileType Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", AttachmentKind.File);
    public static readonly FileType Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", AttachmentKind.File);
    public static readonly FileType Pptx = new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", AttachmentKind.File);
    public static readonly FileType Zip = new("zip", "application/zip", AttachmentKind.File);

    /// <summary>Recognized so they can be refused by name: markup a browser would run, and executables.</summary>
    public static readonly FileType Html = new("html", "text/html", AttachmentKind.File);
    public static readonly FileType Svg = new("svg", "image/svg+xml", AttachmentKind.File);
    public static readonly FileType Executable = new("executable", "application/octet-stream", AttachmentKind.File);
    public static readonly FileType Unknown = new("unknown", "application/octet-stream", AttachmentKind.File);

    public static readonly IReadOnlyList<string> DefaultAllowed = ["jpeg", "png", "gif", "webp", "pdf", "text", "csv", "docx", "xlsx", "pptx", "zip"];

    /// <summary>Raster images a browser may show inline; everything else downloads as application/octet-stream.</summary>
    public static bool IsInlineImage(string contentType) =>
        contentType is "image/jpeg" or "image/png" or "image/gif" or "image/webp";

    public static FileType Detect(ReadOnlySpan<byte> head, string fileName)
    {
        if (head.Length == 0)
        {
            return Unknown;
        }

        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return Jpeg;
        }

        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return Png;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8))
        {
            return DetectZip(head);
        }

        if (LooksLikeText(head))
        {
            var markup = Markup(head);
            if (markup is not null)
            {
                return markup;
            }

            return fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Csv : Text;
        }

        // After the text check: a real executable has NUL bytes in its first header, a note that starts "MZ" does not.
        return head.StartsWith("MZ"u8) || IsElf(head) ? Executable : Unknown;
    }

    private static bool IsElf(ReadOnlySpan<byte> head) => head.Length >= 4 && head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F';

    /// <summary>
    /// Office Open XML files are ZIPs whose entries live under word/, xl/ or ppt/. The first local headers (a few KB in)
    /// name them, so the sniffed head is enough; a ZIP without them is a plain ZIP.
    /// </summary>
    private static FileType DetectZip(ReadOnlySpan<byte> head)
    {
        var offset = 0;
        while (offset + 30 <= head.Length && head.Slice(offset, 4).SequenceEqual("PK\x03\x04"u8))
        {
            var flags = head[offset + 6] | (head[offset + 7] << 8);
            var compressedSize = (long)(uint)(head[offset + 18] | (head[offset + 19] << 8) | (head[offset + 20] << 16) | (head[offset + 21] << 24));
            var nameLength = head[offset + 26] | (head[offset + 27] << 8);
            var extraLength = head[offset + 28] | (head[offset + 29] << 8);
            if (offset + 30 + nameLength > head.Length)
            {
                break;
            }

            var name = Encoding.UTF8.GetString(head.Slice(offset + 30, nameLength));
            if (name.StartsWith("word/", StringComparison.Ordinal))
            {
                return Docx;
            }

            if (name.StartsWith("xl/", StringComparison.Ordinal))
            {
                return Xlsx;
            }

            if (name.StartsWith("ppt/", StringComparison.Ordinal))
            {
                return Pptx;
            }

            // Sizes follow the data (bit 3) when the writer streamed it; the next header cannot be found from here.
            if ((flags & 0x08) != 0)
            {
                break;
            }

            var next = offset + 30L + nameLength + extraLength + compressedSize;
            if (next > head.Length)
            {
                break;
            }

            offset = (int)next;
        }

        return Zip;
    }

    /// <summary>UTF-8 without NUL bytes or binary control characters; a sequence cut at the end of the head is fine.</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        var body = head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? head[3..] : head;
        foreach (var b in body)
        {
            if (b == 0 || (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C))
            {
                return false;
            }
        }

        // Trim an incomplete UTF-8 sequence at the end (the head may cut one in two).
        var end = body.Length;
        for (var back = 1; back <= 3 && end - back >= 0; back++)
        {
            var b = body[end - back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            if ((b & 0xC0) == 0xC0)
            {
                var needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
                if (needed > back)
                {
                    end -= back;
                }
            }

            break;
        }

        return System.Text.Unicode.Utf8.IsValid(body[..end]);
    }

    private static FileType? Markup(ReadOnlySpan<byte> head)
    {
        var start = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 4096)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (!start.StartsWith('<'))
        {
            return null;
        }

        if (start.Contains("<svg", StringComparison.OrdinalIgnoreCase))
        {
            return Svg;
        }

        return start.Contains("<html", StringComparison.OrdinalIgnoreCase)
            || start.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.Contains("<script", StringComparison.OrdinalIgnoreCase)
            || start.Contains("<body", StringComparison.OrdinalIgnoreCase)
            || start.Contains("<iframe", StringComparison.OrdinalIgnoreCase)
            ? Html
            : null;
    }
}
