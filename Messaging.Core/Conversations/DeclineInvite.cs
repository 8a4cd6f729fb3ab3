using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Conversations;

/// <summary>
/// Declining a pending conversation: a group invite removes the user from the group (as leaving does); a stranger's
/// direct conversation is removed from the user's list (a direct conversation has no membership to give up).
/// </summary>
public sealed class DeclineInviteHandler(
    IDbContextFactory<MessagingDbContext> dbFactory, RemoveParticipantHandler remove, ConversationPreferences preferences)
{
    public async Task HandleAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        bool isGroup;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            isGroup = (await db.RequireMembershipAsync(conversationId, userId, cancellationToken)).IsGroup;
        }

        await (isGroup
            ? remove.HandleAsync(userId, conversationId, userId, cancellationToken)
            : preferences.DeleteForMeAsync(userId, conversationId, cancellationToken));
    }
}
