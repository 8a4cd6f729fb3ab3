using System.Buffers;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Attachments;

/// <summary>
/// Attachments in S3-compatible object storage (AWS S3, MinIO, Ceph RGW), shared by every node. Uploads go in 5 MiB
/// parts (S3's smallest multipart part), so memory per upload stays bounded whatever the file size.
/// </summary>
public sealed class S3AttachmentStore : IAttachmentStore, IDisposable
{
    private const int PartSize = 5 * 1024 * 1024;
    private readonly AmazonS3Client client;
    private readonly string bucket;
    private readonly SemaphoreSlim bucketCheck = new(1, 1);
    private bool bucketReady;

    public S3AttachmentStore(IOptions<AttachmentOptions> options)
    {
        var s3 = options.Value.S3;
        bucket = s3.Bucket;
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            AuthenticationRegion = s3.Region,
            // Checksums only where S3 requires them: MinIO, Ceph and s3rver do not all speak the newer trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl))
        {
            config.ServiceURL = s3.ServiceUrl;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        }

        client = string.IsNullOrEmpty(s3.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
        try
        {
            var filled = await FillAsync(content, buffer, cancellationToken);
            if (filled < PartSize)
            {
                using var single = new MemoryStream(buffer, 0, filled, writable: false);
                await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = single, AutoCloseStream = false, UseChunkEncoding = false }, cancellationToken);
                return;
            }

            var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken);
            try
            {
                var parts = new List<PartETag>();
                var number = 1;
                while (filled > 0)
                {
                    using var part = new MemoryStream(buffer, 0, filled, writable: false);
                    var response = await client.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        UploadId = upload.UploadId,
                        PartNumber = number,
                        InputStream = part,
                        PartSize = filled,
                        UseChunkEncoding = false,
                    }, cancellationToken);
                    parts.Add(new PartETag(number, response.ETag));
                    number++;
                    filled = await FillAsync(content, buffer, cancellationToken);
                }

                await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartETags = parts,
                }, cancellationToken);
            }
            catch
            {
                // Rethrown below; aborting frees the parts already stored (no token: the caller's may be the reason we are here).
                await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId }, CancellationToken.None);
                throw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Stream> OpenReadAsync(string key, long offset, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = bucket, Key = key };
        if (offset > 0)
        {
            request.ByteRange = new ByteRange($"bytes={offset}-");
        }

        try
        {
            var response = await client.GetObjectAsync(request, cancellationToken);
            return new ResponseStream(response);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException("Attachment object not found.", key, ex);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteObjectAsync(bucket, key, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: deleting is idempotent.
        }
    }

    public void Dispose()
    {
        client.Dispose();
        bucketCheck.Dispose();
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (bucketReady)
        {
            return;
        }

        await bucketCheck.WaitAsync(cancellationToken);
        try
        {
            if (!bucketReady)
            {
                try
                {
                    await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
                }
                catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden || ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
                {
                    // Created earlier or by another node: exactly what we want.
                }

                bucketReady = true;
            }
        }
        finally
        {
            bucketCheck.Release();
        }
    }

    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < PartSize)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, PartSize - filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>The object's body, disposing the response (and its connection) with it.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : ReadOnlyStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            response.ResponseStream.ReadAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
