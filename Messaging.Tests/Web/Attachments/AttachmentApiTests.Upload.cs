using System.Net;
using System.Security.Cryptography;
using System.Text;
using Messaging.Core.Attachments;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Messaging.Tests.Web.Attachments;

/// <summary>Uploading: what the server accepts, refuses and cleans from a file before anyone downloads it.</summary>
public partial class AttachmentApiTests
{
    [Fact]
    public async Task Upload_TextFile_Returns201Attachment_AndDownloadsTheSameBytesSafely()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var bytes = Encoding.UTF8.GetBytes("name,amount\nSara,10\nعمر,20\n");

        var attachment = await api.UploadOkAsync(sara, id, bytes, "report.csv");

        Assert.Equal("file", attachment["type"]!.GetValue<string>());
        Assert.Equal("report.csv", attachment["filename"]!.GetValue<string>());
        Assert.Equal("text/csv", attachment["content_type"]!.GetValue<string>());
        Assert.Equal(bytes.Length, attachment["size"]!.GetValue<long>());
        Assert.Null(attachment["thumbnail_url"]);
        var url = attachment["url"]!.GetValue<string>();
        Assert.Equal($"/api/v1/messaging/attachments/{attachment["id"]}", url);

        var sent = await api.SendMessageAsync(sara, id, "", new { attachments = new[] { attachment["id"]!.GetValue<string>() } });
        Assert.Equal("file", sent["message_type"]!.GetValue<string>());
        Assert.Equal("", sent["content"]!.GetValue<string>());
        Assert.Equal(attachment["id"]!.GetValue<string>(), sent["attachments"]![0]!["id"]!.GetValue<string>());

        var history = (await api.GetAsync(Messages(id), omar))!.AsArray();
        Assert.Equal(attachment["id"]!.GetValue<string>(), history[0]!["attachments"]![0]!["id"]!.GetValue<string>());

        using var download = await api.DownloadAsync(omar, url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("bytes", download.Headers.AcceptRanges.Single());

        var stored = await ReadRowAsync(Guid.Parse(attachment["id"]!.GetValue<string>()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
    }

    [Theory]
    [InlineData("<html><body><script>alert(1)</script></body></html>", "notes.txt", "text/plain")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "logo.png", "image/png")]
    [InlineData("MZ\u0090\0\u0003\0\0\0\u0004\0\0\0\u00FF\u00FF\0\0", "invoice.pdf", "application/pdf")]
    public async Task Upload_TypeFromBytesNotAllowed_Returns415WhateverTheNameOrClaimedType(string content, string fileName, string claimedType)
    {
        using var api = app.Host.CreateApi();
        var (sara, _, id) = await PairAsync(api);

        using var response = await api.UploadAsync(sara, id, Encoding.Latin1.GetBytes(content), fileName, claimedType, language: "ar");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("file_type_not_allowed", problem["code"]!.GetValue<string>());
        Assert.Equal("لا يمكن مشاركة هذا النوع من الملفات.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_PdfNamedTxt_IsStoredAsPdf()
    {
        using var api = app.Host.CreateApi();
        var (sara, _, id) = await PairAsync(api);

        var attachment = await api.UploadOkAsync(sara, id, Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"), "notes.txt");

        Assert.Equal("application/pdf", attachment["content_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_LargerThanMaxBytes_Returns413_AndKeepsNothing()
    {
        using var api = app.Host.CreateApi();
        var (sara, _, id) = await PairAsync(api);
        var tooBig = Encoding.ASCII.GetBytes(new string('a', (int)AttachmentAppFixture.MaxBytes + 1));

        using var response = await api.UploadAsync(sara, id, tooBig, "big.txt");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await using var db = CreateDb();
        Assert.False(await db.Attachments.AnyAsync(a => a.UploaderId == sara.Id));
    }

    [Fact]
    public async Task Upload_BeyondUserQuota_Returns413QuotaExceeded()
    {
        using var api = app.Host.CreateApi();
        var (sara, _, id) = await PairAsync(api);
        var threeMb = Encoding.ASCII.GetBytes(new string('q', (int)AttachmentAppFixture.MaxBytes - 10));
        await api.UploadOkAsync(sara, id, threeMb, "one.txt");

        using var response = await api.UploadAsync(sara, id, threeMb, "two.txt");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("attachment_quota_exceeded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_JpegWithExifGpsAndXmp_MetadataIsGone_ThumbnailIsSmallJpeg()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var photo = TestFiles.JpegWithExifGps(800, 600);
        // Positive control: the upload really carries EXIF (APP1), GPS and the secret text.
        Assert.Contains((byte)0xE1, TestFiles.JpegMarkers(photo));
        Assert.True(TestFiles.Contains(photo, TestFiles.SecretPlace));
        Assert.True(TestFiles.Contains(photo, "Exif\0\0"));

        var attachment = await api.UploadOkAsync(sara, id, photo, "holiday.jpg");
        Assert.Equal("image", attachment["type"]!.GetValue<string>());
        Assert.Equal("image/jpeg", attachment["content_type"]!.GetValue<string>());
        Assert.Equal(800, attachment["width"]!.GetValue<int>());
        Assert.Equal(600, attachment["height"]!.GetValue<int>());
        await api.SendMessageAsync(sara, id, "", new { attachments = new[] { attachment["id"]!.GetValue<string>() } });

        using var download = await api.DownloadAsync(omar, attachment["url"]!.GetValue<string>());
        var cleaned = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain((byte)0xE1, TestFiles.JpegMarkers(cleaned));
        Assert.False(TestFiles.Contains(cleaned, TestFiles.SecretPlace));
        Assert.False(TestFiles.Contains(cleaned, "Exif\0\0"));
        Assert.False(TestFiles.Contains(cleaned, "http://ns.adobe.com/xap/1.0/"));
        using (var bitmap = SKBitmap.Decode(cleaned))
        {
            Assert.Equal(800, bitmap.Width);
        }

        using var thumbnail = await api.DownloadAsync(omar, attachment["thumbnail_url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
        using var small = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal(320, small.Width);
        Assert.Equal(240, small.Height);
    }

    [Fact]
    public async Task Upload_LargeImage_IsCleanedInTheBackground_ThenDownloadable()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var png = TestFiles.NoisyPng(600, 600);
        Assert.True(png.Length > AttachmentAppFixture.BackgroundImageBytes);

        await using var omarLive = await HubClient.ConnectAsync(app.Host, omar);
        var attachment = await api.UploadOkAsync(sara, id, png, "noise.png");
        var attachmentId = Guid.Parse(attachment["id"]!.GetValue<string>());
        var sent = await api.SendMessageAsync(sara, id, "", new { attachments = new[] { attachmentId } });

        await Eventually.UntilAsync("the attachment to be ready", async () => (await ReadRowAsync(attachmentId)).State == AttachmentState.Ready, TimeSpan.FromSeconds(30));
        // The open chat hears of the ready image without a reload: in the new message itself when the cleaning finished
        // before the send, else in a message_updated once it finishes.
        var messageId = sent["id"]!.GetValue<string>();
        static bool Ready(HubEvent e, string id) =>
            e.Name is "new_message" or "message_updated"
            && e.Payload.GetProperty("message").GetProperty("id").GetString() == id
            && e.Payload.GetProperty("message").GetProperty("attachments")[0].TryGetProperty("width", out var w)
            && w.ValueKind == System.Text.Json.JsonValueKind.Number;
        await omarLive.WaitUntilAsync("the ready image", events => events.Any(e => Ready(e, messageId)));
        var updated = omarLive.Events.Last(e => Ready(e, messageId)).Payload;
        Assert.Equal(600, updated.GetProperty("message").GetProperty("attachments")[0].GetProperty("width").GetInt32());
        var history = (await api.GetAsync(Messages(id), omar))!.AsArray();
        var listed = history[0]!["attachments"]![0]!;
        Assert.Equal(600, listed["width"]!.GetValue<int>());
        using var thumbnail = await api.DownloadAsync(omar, listed["thumbnail_url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        using var download = await api.DownloadAsync(omar, listed["url"]!.GetValue<string>());
        using var decoded = SKBitmap.Decode(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(600, decoded.Height);
    }
}
