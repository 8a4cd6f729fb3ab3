using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Amazon.S3;
using Messaging.Core.Attachments;
using Messaging.Tests.TestInfrastructure;
using SkiaSharp;

namespace Messaging.Tests.Web.Attachments;

/// <summary>The S3 store against a real S3-protocol server (s3rver), on both databases.</summary>
public abstract class S3AttachmentStoreTests(S3AttachmentFixture app)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Upload_MultipartSizedFile_RoundTripsThroughS3_WithRange(bool encrypted)
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar, encrypted);
        // Over one 5 MiB part, so the multipart path runs; text so the type is allowed.
        var bytes = new byte[(6 * 1024 * 1024) + 123];
        var random = new Random(7);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)('a' + random.Next(26));
        }

        var attachment = await api.UploadOkAsync(sara, id, bytes, "big.txt");
        await api.SendMessageAsync(sara, id, "", new { attachments = new[] { attachment["id"]!.GetValue<string>() } });
        var url = attachment["url"]!.GetValue<string>();

        using (var whole = await api.DownloadAsync(omar, url))
        {
            Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await whole.Content.ReadAsByteArrayAsync()));
        }

        using (var range = await api.DownloadAsync(omar, url, new RangeHeaderValue(5_242_000, 5_243_000)))
        {
            Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
            Assert.Equal(bytes[5_242_000..5_243_001], await range.Content.ReadAsByteArrayAsync());
        }

        var key = Guid.Parse(attachment["id"]!.GetValue<string>()).ToString("N");
        using var s3 = Client();
        using var stored = await s3.GetObjectAsync(app.Bucket, key);
        Assert.Equal(encrypted ? ChunkedCipher.StoredSize(bytes.Length) : bytes.Length, stored.ContentLength);
    }

    [Fact]
    public async Task Upload_Image_StoresCleanedImageAndThumbnailInS3_AndDeleteRemovesBoth()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        var attachment = await api.UploadOkAsync(sara, id, TestFiles.JpegWithExifGps(), "photo.jpg");
        await api.SendMessageAsync(sara, id, "", new { attachments = new[] { attachment["id"]!.GetValue<string>() } });

        using (var thumbnail = await api.DownloadAsync(omar, attachment["thumbnail_url"]!.GetValue<string>()))
        {
            using var decoded = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
            Assert.Equal(320, decoded.Width);
        }

        var attachmentId = Guid.Parse(attachment["id"]!.GetValue<string>());
        var store = app.Host.Services.GetRequiredService<IAttachmentStore>();
        Assert.IsType<S3AttachmentStore>(store);
        await store.DeleteAsync(AttachmentBlobs.ContentKey(attachmentId), CancellationToken.None);
        await store.DeleteAsync(AttachmentBlobs.ThumbnailKey(attachmentId), CancellationToken.None);

        using var s3 = Client();
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(app.Bucket, AttachmentBlobs.ContentKey(attachmentId)));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(AttachmentBlobs.ThumbnailKey(attachmentId), 0, CancellationToken.None));
    }

    private static AmazonS3Client Client() => new(
        new Amazon.Runtime.BasicAWSCredentials("S3RVER", "S3RVER"),
        new AmazonS3Config
        {
            ServiceURL = S3AttachmentFixture.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        });
}

public sealed class S3AttachmentStoreTestsOnSqlite(SqliteS3Fixture app) : S3AttachmentStoreTests(app), IClassFixture<SqliteS3Fixture>;

public sealed class S3AttachmentStoreTestsOnPostgres(PostgresS3Fixture app) : S3AttachmentStoreTests(app), IClassFixture<PostgresS3Fixture>;
