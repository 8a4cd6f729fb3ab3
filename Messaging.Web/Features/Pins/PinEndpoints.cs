using System.Security.Claims;
using Messaging.Core.Pins;
using Messaging.Web.Hosting;

namespace Messaging.Web.Features.Pins;

/// <summary>Pinning messages to the top of a conversation, and reading the pins.</summary>
internal static class PinEndpoints
{
    public static void MapPinEndpoints(this IEndpointRouteBuilder api)
    {
        var conversation = api.MapGroup("/messaging/conversations/{id}").RequireAuthorization();

        conversation.MapPost("/messages/{messageId}/pin", async (Guid id, Guid messageId, ClaimsPrincipal me, PinMessageHandler handler, CancellationToken ct) =>
        {
            await handler.PinAsync(me.Id(), id, messageId, ct);
            return TypedResults.NoContent();
        }).WithTags("Messages").WithSummary("Pin a message to the top of the conversation");

        conversation.MapDelete("/messages/{messageId}/pin", async (Guid id, Guid messageId, ClaimsPrincipal me, PinMessageHandler handler, CancellationToken ct) =>
        {
            await handler.UnpinAsync(me.Id(), id, messageId, ct);
            return TypedResults.NoContent();
        }).WithTags("Messages").WithSummary("Unpin a message");

        conversation.MapGet("/pins", (Guid id, ClaimsPrincipal me, PinMessageHandler handler, CancellationToken ct) =>
            handler.ListAsync(me.Id(), id, ct))
            .WithTags("Messages").WithSummary("The conversation's pinned messages, most recently pinned first");
    }
}
