using System.IO.Compression;
using System.Text;
using Messaging.Core.Attachments;
using Messaging.Tests.TestInfrastructure;
using SkiaSharp;

namespace Messaging.Tests.Core.Attachments;

public sealed class FileTypesTests
{
    [Theory]
    [InlineData("word/document.xml", "docx")]
    [InlineData("xl/workbook.xml", "xlsx")]
    [InlineData("ppt/presentation.xml", "pptx")]
    [InlineData("notes/readme.txt", "zip")]
    public void Detect_OfficeAndZip_FromTheEntriesNotTheName(string entry, string expected)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(archive, "[Content_Types].xml", "<Types/>");
            WriteEntry(archive, "_rels/.rels", "<Relationships/>");
            WriteEntry(archive, entry, "<x/>");
        }

        Assert.Equal(expected, FileTypes.Detect(zip.ToArray(), "whatever.bin").Name);
    }

    [Fact]
    public void Detect_Images_FromMagicNumbers()
    {
        Assert.Equal("jpeg", FileTypes.Detect(TestFiles.Image(8, 8, SKEncodedImageFormat.Jpeg), "a.png").Name);
        Assert.Equal("png", FileTypes.Detect(TestFiles.Image(8, 8, SKEncodedImageFormat.Png), "a.jpg").Name);
        Assert.Equal("webp", FileTypes.Detect(TestFiles.Image(8, 8, SKEncodedImageFormat.Webp), "a.txt").Name);
        Assert.Equal("gif", FileTypes.Detect("GIF89a\u0001\0\u0001\0"u8, "a.txt").Name);
    }

    [Theory]
    [InlineData("plain words\nسطر عربي\n", "a.txt", "text")]
    [InlineData("a,b\n1,2\n", "data.CSV", "csv")]
    [InlineData("  <!DOCTYPE html><p>hi", "a.txt", "html")]
    [InlineData("<svg onload=alert(1)>", "a.txt", "svg")]
    public void Detect_Text_IsTextUnlessItIsMarkup(string content, string name, string expected) =>
        Assert.Equal(expected, FileTypes.Detect(Encoding.UTF8.GetBytes(content), name).Name);

    [Fact]
    public void Detect_BinaryOrExecutable_IsNotText()
    {
        Assert.Equal("executable", FileTypes.Detect("MZ\u0090\0\u0003\0"u8, "a.txt").Name);
        Assert.Equal("unknown", FileTypes.Detect(new byte[] { 1, 2, 3, 0, 5 }, "a.txt").Name);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\تقرير.pdf", "تقرير.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("", "file")]
    public void CleanFileName_StripsFoldersAndBidiOverrides(string raw, string expected) =>
        Assert.Equal(expected, FileNames.Clean(raw));

    private static void WriteEntry(ZipArchive archive, string name, string content)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open());
        writer.Write(content);
    }
}
