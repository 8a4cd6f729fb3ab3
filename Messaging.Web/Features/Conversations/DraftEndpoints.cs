using System.Security.Claims;
using Messaging.Core.Drafts;
using Messaging.Web.Hosting;

namespace Messaging.Web.Features.Conversations;

/// <summary>The caller's draft in a conversation, kept on the server for every device.</summary>
internal static class DraftEndpoints
{
    public sealed record DraftRequest(string? Content);

    public static void MapDraftEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPut("/messaging/conversations/{id}/draft", async (Guid id, DraftRequest body, ClaimsPrincipal me, SaveDraftHandler handler, CancellationToken ct) =>
        {
            await handler.SaveAsync(me.Id(), id, body.Content, ct);
            return TypedResults.NoContent();
        }).WithTags("Conversations").WithSummary("Save the caller's draft (empty content removes it)").RequireAuthorization();
    }
}
