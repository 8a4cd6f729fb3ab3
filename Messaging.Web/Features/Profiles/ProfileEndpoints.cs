using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Profiles;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Messaging.Web.Features.Profiles;

/// <summary>Avatars (docs/adr/0031-avatars-and-profile-cards.md): upload and remove one's own, read someone's when allowed.</summary>
internal static class ProfileEndpoints
{
    /// <summary>The upload's body as the OpenAPI document describes it: one image part named <c>file</c>.</summary>
    public sealed record AvatarForm(IFormFile File);

    private const long MultipartOverhead = 64 * 1024;

    public static void MapProfileEndpoints(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Accounts").RequireAuthorization();
        users.MapPut("/me/avatar", async (HttpContext http, AvatarHandler avatars, IOptions<ProfileOptions> options) =>
        {
            var content = await OpenFilePartAsync(http, options.Value.AvatarMaxBytes);
            return await avatars.SetAsync(http.User.Id(), content, http.RequestAborted);
        }).RequireRateLimiting(RateLimiting.RateLimitPolicies.Upload)
            .Accepts<AvatarForm>("multipart/form-data")
            .Produces<ProfileView>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Sets the caller's avatar from an uploaded image (multipart/form-data, part \"file\")");
        users.MapDelete("/me/avatar", async (ClaimsPrincipal me, AvatarHandler avatars, CancellationToken ct) =>
        {
            await avatars.RemoveAsync(me.Id(), ct);
            return TypedResults.NoContent();
        }).WithSummary("Removes the caller's avatar");
        users.MapGet("/{userId:guid}/avatar", (Guid userId, HttpContext http, AvatarHandler avatars) => ServeAsync(http, avatars, userId))
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .WithSummary("A person's avatar, for people who share a conversation or a contact with them (404 otherwise)");
    }

    /// <summary>The same read for the browser UI, which the cookie authenticates (the API takes bearer tokens only). GET only.</summary>
    public static void MapAvatarUiEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/avatars/{userId:guid}", (Guid userId, HttpContext http, AvatarHandler avatars) => ServeAsync(http, avatars, userId))
            .RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> ServeAsync(HttpContext http, AvatarHandler avatars, Guid userId)
    {
        var image = await avatars.OpenAsync(http.User.Id(), userId, http.RequestAborted);
        http.Response.RegisterForDisposeAsync(image.Content);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // Private: another viewer may not be allowed to see it. The URL changes with every new picture.
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.Stream(image.Content, image.ContentType, entityTag: new EntityTagHeaderValue($"\"{image.Tag}\""));
    }

    /// <summary>The body of the one <c>file</c> part of a multipart request (read as it streams; Core counts the bytes).</summary>
    private static async Task<Stream> OpenFilePartAsync(HttpContext http, long maxBytes)
    {
        var sizeLimit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = maxBytes + MultipartOverhead;
        }

        if (http.Request.ContentLength > maxBytes + MultipartOverhead)
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
        while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.IsFileDisposition()
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
            {
                return section.Body;
            }
        }

        throw new MessagingException(ErrorCode.ValidationFailed, "file");
    }
}
