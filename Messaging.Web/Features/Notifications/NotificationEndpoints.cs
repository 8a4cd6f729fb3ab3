using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Notifications;
using Messaging.Core.Notifications.Email;
using Messaging.Core.Notifications.Push;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Web.Features.Notifications;

internal static class NotificationEndpoints
{
    public sealed record ReadRequest(Guid? UpToId);

    public sealed record CountResponse(int Count);

    public sealed record PublicKeyResponse(string PublicKey);

    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        var mine = group.MapGroup("").RequireAuthorization();

        mine.MapGet("/", (int? limit, Guid? before, ClaimsPrincipal me, NotificationsHandler handler, CancellationToken ct) =>
            handler.ListAsync(me.Id(), limit, before, ct))
            .WithSummary("The signed-in user's notifications, newest first");

        mine.MapGet("/unread_count", async (ClaimsPrincipal me, NotificationsHandler handler, CancellationToken ct) =>
            new CountResponse(await handler.UnreadCountAsync(me.Id(), ct)))
            .WithSummary("How many notifications are unread");

        mine.MapPost("/read", async (ReadRequest? body, ClaimsPrincipal me, NotificationsHandler handler, CancellationToken ct) =>
        {
            await handler.MarkReadAsync(me.Id(), body?.UpToId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Marks notifications read, up to an id or all");

        mine.MapGet("/push/public_key", (VapidKeys keys) => new PublicKeyResponse(keys.PublicKey))
            .WithSummary("The VAPID public key (RFC 8292) browsers subscribe with");

        mine.MapPost("/push/subscriptions", async (SubscribePush body, ClaimsPrincipal me, PushSubscriptionsHandler handler, CancellationToken ct) =>
        {
            await handler.SubscribeAsync(me.Id(), body, ct);
            return TypedResults.Created();
        }).WithSummary("Registers a browser's push subscription");

        mine.MapDelete("/push/subscriptions", async (string? endpoint, ClaimsPrincipal me, PushSubscriptionsHandler handler, CancellationToken ct) =>
        {
            await handler.UnsubscribeAsync(me.Id(), endpoint, ct);
            return TypedResults.NoContent();
        }).WithSummary("Removes a push subscription");

        // RFC 8058: the mail client posts here without a session; the signed token says whose switch to turn off.
        group.MapPost("/email/unsubscribe", async ([FromQuery] string? token, UnsubscribeTokens tokens, MessageSettingsHandler settings, CancellationToken ct) =>
        {
            var userId = tokens.Read(token) ?? throw new MessagingException(ErrorCode.ValidationFailed, "token");
            await settings.UpdateAsync(userId, new UpdateMessageSettings(EmailNotifications: false), ct);
            return TypedResults.NoContent();
        }).AllowAnonymous().DisableAntiforgery().WithSummary("One-click unsubscribe from email digests");
    }
}
