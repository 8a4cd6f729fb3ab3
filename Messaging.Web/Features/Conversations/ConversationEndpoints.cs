using System.Security.Claims;
using System.Text.Json;
using Messaging.Core.Conversations;
using Messaging.Core.Retention;
using Messaging.Web.Hosting;

namespace Messaging.Web.Features.Conversations;

internal static class ConversationEndpoints
{
    public sealed record CreateRequest(ConversationType? ConversationType, List<Guid>? ParticipantIds, string? Title, bool? IsEncrypted);

    /// <summary><c>retention_days</c>: absent leaves it, null returns to the deployment's default, 0 keeps forever, N days.</summary>
    public sealed record UpdateRequest(string? Title, JsonElement RetentionDays);

    public sealed record AddParticipantsRequest(List<Guid>? UserIds, bool? ShareHistory);

    public sealed record MuteRequest(DateTime? Until);

    public static void MapConversationEndpoints(this IEndpointRouteBuilder api)
    {
        var conversations = api.MapGroup("/messaging/conversations").WithTags("Conversations").RequireAuthorization();

        conversations.MapGet("/", (int? limit, bool? archived, ClaimsPrincipal me, ConversationReader reader, CancellationToken ct) =>
            reader.ListAsync(me.Id(), archived ?? false, limit, ct)).WithSummary("The caller's conversations, most recent message first (archived ones with archived=true)");

        conversations.MapPost("/", async Task<IResult> (CreateRequest body, ClaimsPrincipal me, CreateConversationHandler handler, CancellationToken ct) =>
        {
            if (body.ConversationType is not { } type)
            {
                throw new Core.Common.MessagingException(Core.Common.ErrorCode.ValidationFailed, "conversation_type");
            }

            var result = await handler.HandleAsync(me.Id(), new CreateConversation(type, body.ParticipantIds ?? [], body.Title, body.IsEncrypted ?? false), ct);
            return result.Created
                ? TypedResults.Created($"/api/v1/messaging/conversations/{result.Conversation.Id}", result.Conversation)
                : TypedResults.Ok(result.Conversation);
        }).WithSummary("Start a direct conversation or create a group (200 with the existing direct conversation)");

        conversations.MapGet("/{id}", (Guid id, ClaimsPrincipal me, ConversationReader reader, CancellationToken ct) => reader.GetAsync(me.Id(), id, ct)).WithSummary("One of the caller's conversations");

        conversations.MapPatch("/{id}", async (Guid id, UpdateRequest body, ClaimsPrincipal me, RenameConversationHandler renamer,
            ConversationRetentionHandler retention, ConversationReader reader, CancellationToken ct) =>
        {
            if (body.RetentionDays.ValueKind == JsonValueKind.Undefined)
            {
                return await renamer.HandleAsync(me.Id(), id, body.Title, ct);
            }

            await retention.SetAsync(me.Id(), id, RetentionDaysOf(body.RetentionDays), ct);
            return body.Title is null ? await reader.GetAsync(me.Id(), id, ct) : await renamer.HandleAsync(me.Id(), id, body.Title, ct);
        }).WithSummary("Rename a group and/or set how long its messages are kept (group admins)");

        conversations.MapPost("/{id}/participants", (Guid id, AddParticipantsRequest body, ClaimsPrincipal me, AddParticipantsHandler handler, CancellationToken ct) =>
            handler.HandleAsync(me.Id(), id, body.UserIds, body.ShareHistory ?? false, ct)).WithSummary("Add people to a group, optionally with its history (group admins)");

        conversations.MapDelete("/{id}/participants/{userId}", async (Guid id, Guid userId, ClaimsPrincipal me, RemoveParticipantHandler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(me.Id(), id, userId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove someone from a group (group admins), or leave it (yourself)");

        conversations.MapPost("/{id}/archive", (Guid id, ClaimsPrincipal me, ConversationPreferences prefs, CancellationToken ct) =>
            NoContent(prefs.ArchiveAsync(me.Id(), id, true, ct))).WithSummary("Archive a conversation for the caller");
        conversations.MapPost("/{id}/unarchive", (Guid id, ClaimsPrincipal me, ConversationPreferences prefs, CancellationToken ct) =>
            NoContent(prefs.ArchiveAsync(me.Id(), id, false, ct))).WithSummary("Bring an archived conversation back to the caller's list");
        conversations.MapPost("/{id}/mute", (Guid id, MuteRequest? body, ClaimsPrincipal me, ConversationPreferences prefs, CancellationToken ct) =>
            NoContent(prefs.MuteAsync(me.Id(), id, body?.Until, ct))).WithSummary("Mute a conversation for the caller, until a time or until unmuted");
        conversations.MapPost("/{id}/unmute", (Guid id, ClaimsPrincipal me, ConversationPreferences prefs, CancellationToken ct) =>
            NoContent(prefs.UnmuteAsync(me.Id(), id, ct))).WithSummary("Unmute a conversation for the caller");
        conversations.MapPost("/{id}/accept", (Guid id, ClaimsPrincipal me, ConversationPreferences prefs, CancellationToken ct) =>
            NoContent(prefs.AcceptAsync(me.Id(), id, ct)))
            .WithSummary("Accept a pending conversation (group invite or a stranger's direct conversation)");
        conversations.MapPost("/{id}/decline", (Guid id, ClaimsPrincipal me, DeclineInviteHandler handler, CancellationToken ct) =>
            NoContent(handler.HandleAsync(me.Id(), id, ct)))
            .WithSummary("Decline a pending conversation: leaves a group, removes a direct conversation from the list");
        conversations.MapDelete("/{id}", (Guid id, ClaimsPrincipal me, ConversationPreferences prefs, CancellationToken ct) =>
            NoContent(prefs.DeleteForMeAsync(me.Id(), id, ct))).WithSummary("Remove a conversation from the caller's list and history view (the others keep it)");
    }

    // A whole number of days or null; anything else is the client's mistake, never a 500.
    private static int? RetentionDaysOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetInt32(out var days) => days,
        _ => throw new Core.Common.MessagingException(Core.Common.ErrorCode.ValidationFailed, "retention_days"),
    };

    private static async Task<IResult> NoContent(Task action)
    {
        await action;
        return TypedResults.NoContent();
    }
}
