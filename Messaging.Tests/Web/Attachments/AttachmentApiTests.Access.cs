using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Messaging.Core.Attachments;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;

namespace Messaging.Tests.Web.Attachments;

/// <summary>Who may download a file, how it is served and when stored bytes go away.</summary>
public partial class AttachmentApiTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Download_Range_ReturnsExactlyThoseBytes_AlsoAcrossEncryptedChunks(bool encrypted)
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api, encrypted);
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 40_000).Select(i => (i % 97).ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + ",")));
        var attachment = await api.UploadOkAsync(sara, id, bytes, "numbers.csv");
        await api.SendMessageAsync(sara, id, "", new { attachments = new[] { attachment["id"]!.GetValue<string>() } });
        var url = attachment["url"]!.GetValue<string>();

        // Across the first chunk boundary (64 KiB), and the tail.
        using var middle = await api.DownloadAsync(omar, url, new RangeHeaderValue(65_000, 66_000));
        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal(bytes[65_000..66_001], await middle.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 65000-66000/{bytes.Length}", middle.Content.Headers.ContentRange!.ToString());

        using var tail = await api.DownloadAsync(omar, url, new RangeHeaderValue(null, 10));
        Assert.Equal(bytes[^10..], await tail.Content.ReadAsByteArrayAsync());

        using var whole = await api.DownloadAsync(omar, url);
        Assert.Equal(bytes, await whole.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Download_ArabicFileName_ContentDispositionCarriesRfc5987Name()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        const string name = "تقرير الربع الأول.pdf";
        var attachment = await api.UploadOkAsync(sara, id, Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"), name);
        Assert.Equal(name, attachment["filename"]!.GetValue<string>());
        await api.SendMessageAsync(sara, id, "", new { attachments = new[] { attachment["id"]!.GetValue<string>() } });

        using var download = await api.DownloadAsync(omar, attachment["url"]!.GetValue<string>());

        var raw = download.Content.Headers.GetValues("Content-Disposition").Single();
        Assert.StartsWith("attachment;", raw, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString(name), raw, StringComparison.Ordinal);
        Assert.Equal(name, download.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task Attachment_OutsiderAndRemovedMember_Get404_LikeAnUnknownId()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var lina = await api.CreateVerifiedUserAsync("Lina");
        var eve = await api.CreateVerifiedUserAsync("Eve");
        var group = await api.CreateGroupAsync(sara, "Board", omar, lina);
        var attachment = await api.UploadOkAsync(sara, group, Encoding.UTF8.GetBytes("minutes"), "minutes.txt");
        await api.SendMessageAsync(sara, group, "", new { attachments = new[] { attachment["id"]!.GetValue<string>() } });
        var url = attachment["url"]!.GetValue<string>();

        using (var unknown = await api.DownloadAsync(eve, $"/api/v1/messaging/attachments/{Guid.CreateVersion7()}"))
        using (var outsider = await api.DownloadAsync(eve, url))
        using (var outsiderThumb = await api.DownloadAsync(eve, url + "/thumbnail"))
        using (var outsiderUpload = await api.UploadAsync(eve, group, Encoding.UTF8.GetBytes("x"), "x.txt"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, outsiderThumb.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, outsiderUpload.StatusCode);
            var unknownProblem = System.Text.Json.Nodes.JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!;
            var outsiderProblem = System.Text.Json.Nodes.JsonNode.Parse(await outsider.Content.ReadAsStringAsync())!;
            unknownProblem.AsObject().Remove("trace_id");
            outsiderProblem.AsObject().Remove("trace_id");
            Assert.Equal(unknownProblem.ToJsonString(), outsiderProblem.ToJsonString());
        }

        using (var member = await api.DownloadAsync(lina, url))
        {
            Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        }

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/messaging/conversations/{group}/participants/{lina.Id}", sara);
        using var removed = await api.DownloadAsync(lina, url);
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        using var removedUpload = await api.UploadAsync(lina, group, Encoding.UTF8.GetBytes("x"), "x.txt");
        Assert.Equal(HttpStatusCode.NotFound, removedUpload.StatusCode);
    }

    [Fact]
    public async Task Attachment_UnsentUpload_IsVisibleOnlyToItsUploader_AndSendableOnlyByThemOnce()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var attachment = await api.UploadOkAsync(sara, id, Encoding.UTF8.GetBytes("draft"), "draft.txt");
        var attachmentId = attachment["id"]!.GetValue<string>();
        var url = attachment["url"]!.GetValue<string>();

        using (var own = await api.DownloadAsync(sara, url))
        using (var other = await api.DownloadAsync(omar, url))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        // Not the uploader; not from this conversation; then once only.
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Messages(id), omar, new { content = "", attachments = new[] { attachmentId } });
        var lina = await api.CreateVerifiedUserAsync("Lina");
        var other2 = await api.CreateDirectAsync(sara, lina);
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Messages(other2), sara, new { content = "", attachments = new[] { attachmentId } });
        await api.SendMessageAsync(sara, id, "here", new { attachments = new[] { attachmentId } });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Messages(id), sara, new { content = "again", attachments = new[] { attachmentId } });
    }

    [Fact]
    public async Task FileSharing_TurnedOffByGroupAdmin_RefusesUploads_AndOnlyAdminsMaySwitch()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var lina = await api.CreateVerifiedUserAsync("Lina");
        var group = await api.CreateGroupAsync(sara, "Team", omar, lina);
        var sharing = $"/api/v1/messaging/conversations/{group}/file_sharing";

        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, sharing, omar, new { allow_file_sharing = false });
        var updated = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, sharing, sara, new { allow_file_sharing = false });
        Assert.False(updated!["allow_file_sharing"]!.GetValue<bool>());

        using var refused = await api.UploadAsync(omar, group, Encoding.UTF8.GetBytes("x"), "x.txt", language: "ar");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("file_sharing_disabled", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, sharing, sara, new { allow_file_sharing = true });
        await api.UploadOkAsync(omar, group, Encoding.UTF8.GetBytes("x"), "x.txt");
    }

    [Fact]
    public async Task EncryptedConversation_StoredBytesHoldNoPlaintext_WhilePlainOnesDo()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, secretId) = await PairAsync(api, encrypted: true);
        var secret = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Falcon merger terms — شروط سرية\n", 5000)));
        var photo = TestFiles.Image(400, 300, SKEncodedImageFormat.Png);
        var file = await api.UploadOkAsync(sara, secretId, secret, "terms.txt");
        var image = await api.UploadOkAsync(sara, secretId, photo, "plan.png");
        await api.SendMessageAsync(sara, secretId, "", new { attachments = new[] { file["id"]!.GetValue<string>(), image["id"]!.GetValue<string>() } });

        using (var back = await api.DownloadAsync(omar, file["url"]!.GetValue<string>()))
        {
            Assert.Equal(secret, await back.Content.ReadAsByteArrayAsync());
        }

        using (var thumb = await api.DownloadAsync(omar, image["thumbnail_url"]!.GetValue<string>()))
        {
            Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
            Assert.True(TestFiles.IsImage(await thumb.Content.ReadAsByteArrayAsync()));
        }

        var encryptedFile = StoredBytes(file);
        Assert.False(TestFiles.Contains(encryptedFile, "Falcon"));
        Assert.Equal(ChunkedCipher.StoredSize(secret.Length), encryptedFile.Length);
        var storedImage = StoredBytes(image);
        Assert.False(TestFiles.IsImage(storedImage));
        Assert.False(TestFiles.Contains(storedImage, "IHDR"));
        Assert.False(TestFiles.IsImage(File.ReadAllBytes(StoredPath(image["id"]!.GetValue<string>() + ".thumb"))));

        // Positive control: the same check finds plaintext in an ordinary conversation.
        var plainId = await api.CreateGroupAsync(sara, "Plain", omar);
        var plain = await api.UploadOkAsync(sara, plainId, secret, "terms.txt");
        var plainImage = await api.UploadOkAsync(sara, plainId, photo, "plan.png");
        Assert.True(TestFiles.Contains(StoredBytes(plain), "Falcon"));
        Assert.True(TestFiles.IsImage(StoredBytes(plainImage)));
    }

    [Fact]
    public async Task Cleanup_RemovesUnsentUploadsAfter24Hours_AndFilesOfDeletedMessages()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var unsent = await api.UploadOkAsync(sara, id, Encoding.UTF8.GetBytes("never sent"), "unsent.txt");
        var kept = await api.UploadOkAsync(sara, id, Encoding.UTF8.GetBytes("sent and kept"), "kept.txt");
        var deleted = await api.UploadOkAsync(sara, id, Encoding.UTF8.GetBytes("sent then deleted"), "deleted.txt");
        await api.SendMessageAsync(sara, id, "", new { attachments = new[] { kept["id"]!.GetValue<string>() } });
        var gone = await api.SendMessageAsync(sara, id, "", new { attachments = new[] { deleted["id"]!.GetValue<string>() } });
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Messages(id)}/{gone["id"]}", sara);

        // Deleted at once for readers, before any clean-up.
        using (var deletedRead = await api.DownloadAsync(omar, deleted["url"]!.GetValue<string>()))
        {
            Assert.Equal(HttpStatusCode.NotFound, deletedRead.StatusCode);
        }

        Assert.True(File.Exists(StoredPath(unsent["id"]!.GetValue<string>())));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(25));
        var services = app.Host.Services;
        var cleanup = new AttachmentCleanup(
            services.GetRequiredService<IDbContextFactory<MessagingDbContext>>(),
            services.GetRequiredService<AttachmentBlobs>(),
            services.GetRequiredService<IOptions<AttachmentOptions>>(),
            clock,
            NullLogger<AttachmentCleanup>.Instance);

        await cleanup.RunOnceAsync();

        await using var db = CreateDb();
        var left = await db.Attachments.Where(a => a.ConversationId == Guid.Parse(id)).Select(a => a.FileName).ToListAsync();
        Assert.Equal(["kept.txt"], left);
        Assert.False(File.Exists(StoredPath(unsent["id"]!.GetValue<string>())));
        Assert.False(File.Exists(StoredPath(deleted["id"]!.GetValue<string>())));
        Assert.True(File.Exists(StoredPath(kept["id"]!.GetValue<string>())));
    }

    [Fact]
    public async Task ConversationFiles_ListsSharedFilesNewestFirst_ForParticipantsOnly()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        foreach (var name in new[] { "first.txt", "second.txt" })
        {
            var a = await api.UploadOkAsync(sara, id, Encoding.UTF8.GetBytes(name), name);
            await api.SendMessageAsync(sara, id, "", new { attachments = new[] { a["id"]!.GetValue<string>() } });
        }

        var files = (await api.GetAsync($"/api/v1/messaging/conversations/{id}/attachments", omar))!.AsArray();
        Assert.Equal(["second.txt", "first.txt"], files.Select(f => f!["attachment"]!["filename"]!.GetValue<string>()));
        var eve = await api.CreateVerifiedUserAsync("Eve");
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/v1/messaging/conversations/{id}/attachments", eve);
    }
}
