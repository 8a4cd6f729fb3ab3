using Messaging.Core.Messages;

namespace Messaging.Core.Conversations;

public sealed class RenameConversationHandler(MembershipChange change, ConversationReader reader)
{
    public async Task<ConversationView> HandleAsync(Guid actorId, Guid conversationId, string? title, CancellationToken cancellationToken = default)
    {
        var newTitle = ConversationRules.ValidateTitle(title);
        await change.RunAsync(actorId, conversationId, async scope =>
        {
            var conversation = scope.Membership.RequireGroupAdmin().Conversation;
            if (conversation.Title == newTitle)
            {
                return;
            }

            conversation.Title = newTitle;
            conversation.UpdatedAt = scope.Now;
            await scope.RecordAsync(SystemEvent.Renamed, null);
        }, cancellationToken);
        return await reader.GetAsync(actorId, conversationId, cancellationToken);
    }
}
