using Messaging.Core.Common;
using Messaging.Core.Messages;

namespace Messaging.Core.Conversations;

/// <summary>A group admin removes someone, or anyone leaves (removes themself).</summary>
public sealed class RemoveParticipantHandler(MembershipChange change)
{
    public Task HandleAsync(Guid actorId, Guid conversationId, Guid userId, CancellationToken cancellationToken = default) =>
        change.RunAsync(actorId, conversationId, async scope =>
        {
            var membership = scope.Membership;
            var leaving = userId == actorId;
            membership.RequireGroup();
            if (!membership.Capabilities.CanRemove(userId))
            {
                membership.RequireGroupAdmin();
            }

            var members = membership.Members.Where(m => m.IsActive).Select(m => m.Participant).ToList();
            var target = members.FirstOrDefault(p => p.UserId == userId) ?? throw new MessagingException(ErrorCode.NotFound);
            target.IsActive = false;
            target.LeftAt = scope.Now;
            target.Role = ParticipantRole.Member;
            scope.NoteRemoved(userId);
            await scope.RecordAsync(leaving ? SystemEvent.ParticipantLeft : SystemEvent.ParticipantRemoved, userId);

            var remaining = members.Where(p => p.IsActive).ToList();
            if (remaining.Count > 0 && !remaining.Any(p => p.Role == ParticipantRole.Admin))
            {
                // A group is never left without an admin: the longest-standing member takes over.
                var heir = remaining.OrderBy(p => p.JoinedAt).ThenBy(p => p.UserId).First();
                heir.Role = ParticipantRole.Admin;
                await scope.RecordAsync(SystemEvent.AdminPromoted, heir.UserId);
            }

            membership.Conversation.UpdatedAt = scope.Now;
        }, cancellationToken);
}
