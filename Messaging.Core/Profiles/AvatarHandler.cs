using Messaging.Core.Accounts;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Profiles;

/// <summary>An avatar to show: its bytes (a JPEG) and a tag that changes with every new picture.</summary>
public sealed record AvatarImage(Stream Content, string ContentType, string Tag);

/// <summary>
/// A person's picture, uploaded (never an outside URL: loading one would tell its host who reads what). The type is
/// decided from the bytes and must be an image the attachment allow-list accepts; the image is decoded and re-encoded
/// as a small JPEG (the attachment thumbnail), so no metadata and nothing hidden in the file survives. It lives in the
/// attachment store under a fresh key per upload, and is served only to people who may see the person
/// (<see cref="AvatarVisibility"/>).
/// </summary>
public sealed class AvatarHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    IAttachmentStore store,
    ImageProcessor images,
    IOptions<AttachmentOptions> attachmentOptions,
    IOptions<ProfileOptions> options,
    ProfileHandler profiles,
    ProfileChanges changes)
{
    public static string UrlOf(Guid userId, string key) => $"/api/v1/users/{userId}/avatar?v={key[..12]}";

    public async Task<ProfileView> SetAsync(Guid userId, Stream content, CancellationToken cancellationToken = default)
    {
        var limit = options.Value.AvatarMaxBytes;
        using var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (memory.Length + read > limit)
            {
                throw new MessagingException(ErrorCode.FileTooLarge, "file");
            }

            memory.Write(buffer, 0, read);
        }

        if (memory.Length == 0)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "file");
        }

        var bytes = memory.ToArray();
        var type = FileTypes.Detect(bytes.AsSpan(0, (int)Math.Min(bytes.Length, FileTypes.SniffLength)), "");
        if (type.Kind != AttachmentKind.Image || !attachmentOptions.Value.EffectiveAllowedTypes.Contains(type.Name, StringComparer.OrdinalIgnoreCase))
        {
            throw new MessagingException(ErrorCode.FileTypeNotAllowed, "file");
        }

        var picture = images.Process(bytes, type).Thumbnail;
        var key = $"{Guid.CreateVersion7():N}.avatar";
        await using (var stream = new MemoryStream(picture, writable: false))
        {
            await store.PutAsync(key, stream, cancellationToken);
        }

        string? previous;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new MessagingException(ErrorCode.NotFound);
            previous = user.AvatarKey;
            user.AvatarKey = key;
            user.AvatarUrl = UrlOf(userId, key);
            await db.SaveChangesAsync(cancellationToken);
        }

        await DeleteQuietlyAsync(previous);
        await changes.PublishAsync(userId, cancellationToken);
        return await profiles.GetAsync(userId, cancellationToken);
    }

    /// <summary>Removes the avatar (the same path as an empty <c>avatar_url</c> in the profile update).</summary>
    public Task<ProfileView> RemoveAsync(Guid userId, CancellationToken cancellationToken = default) =>
        profiles.UpdateAsync(userId, new UpdateProfile(null, null, ""), cancellationToken);

    /// <summary>The picture of <paramref name="ownerId"/> when <paramref name="viewerId"/> may see it; otherwise <see cref="ErrorCode.NotFound"/>.</summary>
    public async Task<AvatarImage> OpenAsync(Guid viewerId, Guid ownerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.Users.Where(u => u.Id == ownerId).Select(u => u.AvatarKey).FirstOrDefaultAsync(cancellationToken);
        if (key is null || !await AvatarVisibility.MaySeeAsync(db, viewerId, ownerId, cancellationToken))
        {
            throw new MessagingException(ErrorCode.NotFound);
        }

        try
        {
            return new AvatarImage(await store.OpenReadAsync(key, 0, cancellationToken), "image/jpeg", key[..32]);
        }
        catch (FileNotFoundException)
        {
            throw new MessagingException(ErrorCode.NotFound);
        }
    }

    private async Task DeleteQuietlyAsync(string? key)
    {
        if (key is null)
        {
            return;
        }

        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Amazon.S3.AmazonS3Exception)
        {
            // The row no longer names it: a stray object is unreachable and harmless.
        }
    }
}
