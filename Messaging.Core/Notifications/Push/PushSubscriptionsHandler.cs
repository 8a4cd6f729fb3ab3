using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Notifications.Push;

public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

/// <summary>The browser's <c>PushSubscription</c> JSON.</summary>
public sealed record SubscribePush(string? Endpoint, PushSubscriptionKeys? Keys);

public sealed class PushSubscriptionsHandler(IDbContextFactory<MessagingDbContext> dbFactory, IOptions<NotificationOptions> options, TimeProvider time)
{
    /// <summary>Stores (or moves to this user) a subscription; the endpoint identifies it.</summary>
    public async Task SubscribeAsync(Guid userId, SubscribePush command, CancellationToken cancellationToken = default)
    {
        var endpoint = ValidEndpoint(command.Endpoint);
        var p256dh = command.Keys?.P256dh;
        var auth = command.Keys?.Auth;
        if (!IsKey(p256dh, 65))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "keys.p256dh");
        }

        if (!IsKey(auth, 16))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "keys.auth");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Set<PushSubscription>().FirstOrDefaultAsync(s => s.Endpoint == endpoint, cancellationToken);
        if (existing is null)
        {
            db.Set<PushSubscription>().Add(new PushSubscription
            {
                Id = Guid.CreateVersion7(),
                UserId = userId,
                Endpoint = endpoint,
                P256dh = p256dh!,
                Auth = auth!,
                CreatedAt = time.UtcNow(),
            });
        }
        else
        {
            // The same browser signed in as someone else: the subscription follows the new user.
            existing.UserId = userId;
            existing.P256dh = p256dh!;
            existing.Auth = auth!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseMigrator.IsUniqueViolation(ex))
        {
            // Two tabs subscribed the same endpoint at once: it is stored.
        }
    }

    public async Task UnsubscribeAsync(Guid userId, string? endpoint, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "endpoint");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<PushSubscription>().Where(s => s.UserId == userId && s.Endpoint == endpoint).ExecuteDeleteAsync(cancellationToken);
    }

    private string ValidEndpoint(string? endpoint)
    {
        if (endpoint is null || endpoint.Length > 2048 || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && options.Value.Push.AllowInsecureEndpoints)))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "endpoint");
        }

        return endpoint;
    }

    private static bool IsKey(string? value, int length)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128)
        {
            return false;
        }

        try
        {
            return WebEncoders.Base64UrlDecode(value).Length == length;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
