using Messaging.Core.Messages;
using Messaging.Web.Features.RateLimiting;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// Sends drafts for the chat pane and the thread panel: one client message id per draft, so a retry after a failure
/// (same text) can never create the message twice, and a new text is a new message. Sends from a circuit draw on the
/// same per-user Send budget as the API (429 there, a localized message here, the draft kept).
/// </summary>
public sealed class DraftSender(SendMessageHandler sender, RateLimits limits)
{
    private (string Text, string Id)? pending;

    /// <param name="build">The command for this draft, given its client message id.</param>
    public async Task<MessageView> SendAsync(Guid userId, string text, Func<string, SendMessage> build)
    {
        if (pending is not { } draft || draft.Text != text)
        {
            draft = (text, Guid.CreateVersion7().ToString("N"));
            pending = draft;
        }

        limits.Require(RateLimitPolicies.Send, userId);
        var result = await sender.HandleAsync(userId, build(draft.Id));
        pending = null;
        return result.Message;
    }
}
