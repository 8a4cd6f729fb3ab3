using Messaging.Core.Conversations;
using Messaging.Core.Messages;

namespace Messaging.Core.Retention;

/// <summary>
/// A group admin sets how long the group's messages are kept. A direct conversation follows the deployment's
/// default (issue 14 gives the setting to group admins; neither person of a pair decides for the other).
/// </summary>
public sealed class ConversationRetentionHandler(MembershipChange change)
{
    /// <param name="days">null: the deployment's default; 0: forever; otherwise whole days.</param>
    public Task SetAsync(Guid actorId, Guid conversationId, int? days, CancellationToken cancellationToken = default)
    {
        var chosen = RetentionPeriods.Validate(days);
        return change.RunAsync(actorId, conversationId, async scope =>
        {
            var conversation = scope.Membership.RequireGroupAdmin().Conversation;
            if (conversation.RetentionDays == chosen)
            {
                return;
            }

            conversation.RetentionDays = chosen;
            conversation.UpdatedAt = scope.Now;
            // Everyone sees who changed it, in the log, as for a rename.
            await scope.RecordAsync(SystemEvent.RetentionChanged, null);
        }, cancellationToken);
    }
}
