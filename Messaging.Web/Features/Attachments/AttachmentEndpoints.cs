using System.Security.Claims;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Messaging.Web.Features.Attachments;

/// <summary>Upload, download and list attachments (API.md "Attachments"), plus cookie-authenticated reads for the Blazor UI.</summary>
internal static class AttachmentEndpoints
{
    public sealed record FileSharingRequest(bool? AllowFileSharing);

    /// <summary>The upload's body as the OpenAPI document describes it: one binary part named <c>file</c>. The endpoint reads the stream itself.</summary>
    public sealed record UploadForm(IFormFile File);

    /// <summary>Multipart framing around the file: headers and boundaries are small, but allow for them.</summary>
    private const long MultipartOverhead = 1024 * 1024;

    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/messaging").WithTags("Attachments").RequireAuthorization();

        group.MapPost("/conversations/{id}/attachments", async Task<IResult> (Guid id, HttpContext http, UploadAttachmentHandler handler, IOptions<AttachmentOptions> options) =>
        {
            var view = await UploadAsync(http, id, handler, options.Value);
            return TypedResults.Created(view.Url, view);
        }).RequireRateLimiting(RateLimiting.RateLimitPolicies.Upload)
            .Accepts<UploadForm>("multipart/form-data")
            .Produces<AttachmentView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Uploads one file (multipart/form-data, part \"file\") to a conversation");

        group.MapGet("/conversations/{id}/attachments", (
            Guid id, int? limit, DateTime? before, ClaimsPrincipal me, AttachmentReader reader, CancellationToken ct) =>
            reader.ListAsync(me.Id(), id, limit, before, ct))
            .WithSummary("The conversation's files, newest first");

        group.MapPut("/conversations/{id}/file_sharing", async (Guid id, FileSharingRequest body, ClaimsPrincipal me, FileSharingHandler handler, ConversationReader conversations, CancellationToken ct) =>
        {
            if (body.AllowFileSharing is not { } allowed)
            {
                throw new MessagingException(ErrorCode.ValidationFailed, "allow_file_sharing");
            }

            await handler.SetAsync(me.Id(), id, allowed, ct);
            return await conversations.GetAsync(me.Id(), id, ct);
        }).WithSummary("Allows or forbids file sharing in a group (group admins)");

        group.MapGet("/attachments/{attachmentId}", (Guid attachmentId, HttpContext http, AttachmentReader reader, CancellationToken ct) =>
            DownloadAsync(http, reader, attachmentId, thumbnail: false, ct))
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream")
            .WithSummary("Downloads an attachment (participants only; Range supported)");

        group.MapGet("/attachments/{attachmentId}/thumbnail", (Guid attachmentId, HttpContext http, AttachmentReader reader, CancellationToken ct) =>
            DownloadAsync(http, reader, attachmentId, thumbnail: true, ct))
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .WithSummary("An image attachment's thumbnail");
    }

    /// <summary>
    /// The same reads for the browser UI on /files, which the cookie authenticates (the API takes bearer tokens only).
    /// GET only: nothing here changes state, so no antiforgery is needed.
    /// </summary>
    public static void MapAttachmentUiEndpoints(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/files").RequireAuthorization().ExcludeFromDescription();
        files.MapGet("/{attachmentId}", (Guid attachmentId, HttpContext http, AttachmentReader reader, CancellationToken ct) =>
            DownloadAsync(http, reader, attachmentId, thumbnail: false, ct));
        files.MapGet("/{attachmentId}/thumbnail", (Guid attachmentId, HttpContext http, AttachmentReader reader, CancellationToken ct) =>
            DownloadAsync(http, reader, attachmentId, thumbnail: true, ct));
    }

    /// <summary>Reads the one <c>file</c> part of a multipart body as a stream, straight into the upload (never buffered whole).</summary>
    private static async Task<AttachmentView> UploadAsync(HttpContext http, Guid conversationId, UploadAttachmentHandler handler, AttachmentOptions options)
    {
        var sizeLimit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = options.MaxBytes + MultipartOverhead;
        }

        if (http.Request.ContentLength > options.MaxBytes + MultipartOverhead)
        {
            throw new MessagingException(ErrorCode.FileTooLarge, "file");
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "file");
        }

        var reader = new MultipartReader(boundary, http.Request.Body);
        var ct = http.RequestAborted;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.IsFileDisposition()
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                return await handler.HandleAsync(http.User.Id(), new UploadAttachment(conversationId, name, section.Body), ct);
            }
        }

        throw new MessagingException(ErrorCode.ValidationFailed, "file");
    }

    /// <summary>
    /// The bytes with Range support. Only raster images keep their type (so an &lt;img&gt; can show them); everything else
    /// is application/octet-stream, always as an attachment with an RFC 6266/5987 file name, and never sniffed.
    /// </summary>
    private static async Task<IResult> DownloadAsync(HttpContext http, AttachmentReader reader, Guid attachmentId, bool thumbnail, CancellationToken ct)
    {
        var download = await reader.OpenAsync(http.User.Id(), attachmentId, thumbnail, ct);
        http.Response.RegisterForDisposeAsync(download.Content);
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, max-age=86400";
        // Even opened directly, nothing in the file can run scripts on our origin.
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
        var contentType = FileTypes.IsInlineImage(download.ContentType) ? download.ContentType : "application/octet-stream";
        var etag = new EntityTagHeaderValue($"\"{download.Sha256}{(thumbnail ? "-t" : "")}\"");
        return TypedResults.Stream(
            download.Content,
            contentType,
            fileDownloadName: thumbnail ? null : download.Attachment.Filename,
            lastModified: download.CreatedAt,
            entityTag: etag,
            enableRangeProcessing: true);
    }
}
