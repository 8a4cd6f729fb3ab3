using Microsoft.Extensions.Localization;

namespace Messaging.Web.Features.Attachments;

internal static class FileSizes
{
    /// <summary>"512 B", "12.5 KB", "3.2 MB" in the UI's language.</summary>
    public static string Format(IStringLocalizer text, long bytes) => bytes switch
    {
        < 1024 => text["Bytes", bytes],
        < 1024 * 1024 => text["Kilobytes", Math.Round(bytes / 1024.0, 1)],
        _ => text["Megabytes", Math.Round(bytes / (1024.0 * 1024.0), 1)],
    };

    /// <summary>
    /// The allow-list checked in the browser before uploading, by extension: a quick, friendly refusal. The server
    /// still decides from the bytes; this only spares a pointless upload.
    /// </summary>
    public static string? TypeFromName(string name) => Path.GetExtension(name).ToUpperInvariant() switch
    {
        ".JPG" or ".JPEG" or ".JFIF" => "jpeg",
        ".PNG" => "png",
        ".GIF" => "gif",
        ".WEBP" => "webp",
        ".PDF" => "pdf",
        ".TXT" or ".MD" or ".LOG" => "text",
        ".CSV" => "csv",
        ".DOCX" => "docx",
        ".XLSX" => "xlsx",
        ".PPTX" => "pptx",
        ".ZIP" => "zip",
        _ => null,
    };
}
