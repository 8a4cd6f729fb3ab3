using Messaging.Core.Conversations;

namespace Messaging.Core.Attachments;

/// <summary>Group admins turn file sharing on or off for their group; everyone's UI hears of it.</summary>
public sealed class FileSharingHandler(MembershipChange change)
{
    public Task SetAsync(Guid actorId, Guid conversationId, bool allowed, CancellationToken cancellationToken = default) =>
        change.RunAsync(actorId, conversationId, scope =>
        {
            scope.Membership.RequireGroupAdmin();
            var conversation = scope.Membership.Conversation;
            if (conversation.AllowFileSharing != allowed)
            {
                conversation.AllowFileSharing = allowed;
                conversation.UpdatedAt = scope.Now;
            }

            return Task.CompletedTask;
        }, cancellationToken);
}
