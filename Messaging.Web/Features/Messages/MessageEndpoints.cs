using System.Security.Claims;
using Messaging.Core.Acknowledgements;
using Messaging.Core.Common;
using Messaging.Core.Messages;
using Messaging.Core.Reactions;
using Messaging.Core.Realtime;
using Messaging.Core.Search;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Web.Features.Messages;

internal static class MessageEndpoints
{
    public sealed record SendRequest(
        string? Content,
        MessageType? MessageType,
        string? Language,
        List<Guid>? Attachments,
        Guid? ReplyToMessageId,
        Guid? ThreadId,
        string? ClientMessageId,
        List<Guid>? Mentions = null,
        bool? RequiresAck = null,
        Guid? ForwardOfMessageId = null);

    public sealed record EditRequest(string? Content);

    public static void MapMessageEndpoints(this IEndpointRouteBuilder api)
    {
        var messages = api.MapGroup("/messaging/conversations/{id}/messages").WithTags("Messages").RequireAuthorization();

        messages.MapPost("/", async Task<IResult> (Guid id, SendRequest body, ClaimsPrincipal me, SendMessageHandler handler, CancellationToken ct) =>
        {
            if (body.MessageType is MessageType.System)
            {
                // System messages are the server's own; text, image and file are decided from the attachments.
                throw new MessagingException(ErrorCode.ValidationFailed, "message_type");
            }

            var result = await handler.HandleAsync(me.Id(), new SendMessage(
                id, body.Content, body.Language, body.Attachments, body.ReplyToMessageId, body.ThreadId, body.ClientMessageId, body.Mentions,
                body.RequiresAck ?? false, body.ForwardOfMessageId), ct);
            return result.Created
                ? TypedResults.Created($"/api/v1/messaging/conversations/{id}/messages/{result.Message.Id}", result.Message)
                : TypedResults.Ok(result.Message);
        }).RequireRateLimiting(RateLimiting.RateLimitPolicies.Send).WithSummary("Send a message (the same client_message_id again returns the stored message with 200)");

        messages.MapGet("/", (
            Guid id,
            int? limit,
            [FromQuery(Name = "before_message_id")] Guid? beforeMessageId,
            [FromQuery(Name = "after_sequence")] long? afterSequence,
            [FromQuery(Name = "thread_id")] Guid? threadId,
            [FromQuery(Name = "before_sequence")] long? beforeSequence,
            ClaimsPrincipal me, GetMessagesHandler handler, CancellationToken ct) =>
            handler.HandleAsync(me.Id(), new GetMessages(id, limit, beforeMessageId, afterSequence, threadId, beforeSequence), ct)).WithSummary("A conversation's messages: newest first, or oldest first after a sequence (catch-up after reconnect)");

        messages.MapPatch("/{messageId}", (Guid id, Guid messageId, EditRequest body, ClaimsPrincipal me, ChangeMessageHandler handler, CancellationToken ct) =>
            handler.EditAsync(me.Id(), id, messageId, body.Content, ct)).WithSummary("Edit one of the caller's messages");

        messages.MapDelete("/{messageId}", async (Guid id, Guid messageId, ClaimsPrincipal me, ChangeMessageHandler handler, CancellationToken ct) =>
        {
            await handler.DeleteAsync(me.Id(), id, messageId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete a message for everyone (sender or group admin); a tombstone stays");

        messages.MapGet("/{messageId}/edits", (Guid id, Guid messageId, ClaimsPrincipal me, EditHistoryHandler handler, CancellationToken ct) =>
            handler.GetAsync(me.Id(), id, messageId, ct))
            .WithSummary("The earlier texts of an edited message, oldest first");

        // The emoji arrives URL-encoded in the path; routing hands it over decoded.
        messages.MapPut("/{messageId}/reactions/{emoji}", async (Guid id, Guid messageId, string emoji, ClaimsPrincipal me, ReactToMessageHandler handler, CancellationToken ct) =>
        {
            await handler.AddAsync(me.Id(), id, messageId, Uri.UnescapeDataString(emoji), ct);
            return TypedResults.NoContent();
        }).WithSummary("Add the caller's reaction");

        messages.MapDelete("/{messageId}/reactions/{emoji}", async (Guid id, Guid messageId, string emoji, ClaimsPrincipal me, ReactToMessageHandler handler, CancellationToken ct) =>
        {
            await handler.RemoveAsync(me.Id(), id, messageId, Uri.UnescapeDataString(emoji), ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove the caller's reaction");

        messages.MapPost("/{messageId}/read", async (Guid id, Guid messageId, ClaimsPrincipal me, MarkReceiptHandler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(me.Id(), id, messageId, ReceiptKind.Read, ct);
            return TypedResults.NoContent();
        }).WithSummary("Mark a message and everything before it read for the caller");

        messages.MapPost("/{messageId}/ack", async (Guid id, Guid messageId, ClaimsPrincipal me, AcknowledgeMessageHandler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(me.Id(), id, messageId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Acknowledge a message sent with requires_ack");

        messages.MapPost("/{messageId}/unread", async (Guid id, Guid messageId, ClaimsPrincipal me, MarkUnreadHandler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(me.Id(), id, messageId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Move the caller's read pointer to just before a message (mark unread)");

        api.MapGet("/messaging/search", (
                string? query,
                [FromQuery(Name = "conversation_id")] Guid? conversationId,
                [FromQuery(Name = "from_user_id")] Guid? fromUserId,
                string? has,
                DateTime? before,
                DateTime? after,
                int? limit,
                int? offset,
                ClaimsPrincipal me,
                SearchMessagesHandler handler,
                CancellationToken ct) =>
            handler.HandleAsync(me.Id(), new SearchRequest(query, conversationId, fromUserId, has, before?.ToUniversalTime(), after?.ToUniversalTime(), limit, offset), ct))
            .WithTags("Messages").WithSummary("Search messages in the caller's conversations").RequireAuthorization().RequireRateLimiting(RateLimiting.RateLimitPolicies.Search);
    }
}
