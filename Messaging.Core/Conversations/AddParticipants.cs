using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Messages;

namespace Messaging.Core.Conversations;

public sealed class AddParticipantsHandler(MembershipChange change, ConversationReader reader)
{
    /// <param name="shareHistory">
    /// The admin's choice to show the newcomers the messages from before they were added; ignored in an encrypted
    /// conversation, which never shares earlier history. Without it a newcomer's history starts when they were added.
    /// </param>
    public async Task<ConversationView> HandleAsync(
        Guid actorId, Guid conversationId, IReadOnlyList<Guid>? userIds, bool shareHistory = false, CancellationToken cancellationToken = default)
    {
        var requested = (userIds ?? []).Distinct().ToArray();
        if (requested.Length == 0)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "user_ids");
        }

        await change.RunAsync(actorId, conversationId, async scope =>
        {
            scope.Membership.RequireGroupAdmin();
            var db = scope.Db;
            var actor = await db.RequireVerifiedAsync(actorId, scope.CancellationToken);
            var memberships = scope.Membership.Members.Select(m => m.Participant).ToList();
            var newcomers = requested.Where(id => !memberships.Any(p => p.UserId == id && p.IsActive)).ToArray();
            if (memberships.Count(p => p.IsActive) + newcomers.Length > Limits.MaxGroupParticipants)
            {
                throw new MessagingException(ErrorCode.GroupFull, "user_ids");
            }

            var conversation = scope.Membership.Conversation;
            var historyStartsAfter = NewMemberHistory.StartsAfter(conversation, shareHistory);
            foreach (var user in await ConversationRules.LoadAddableAsync(db, actor, newcomers, scope.CancellationToken))
            {
                var accepted = user.AutoAcceptGroupInvites ? scope.Now : (DateTime?)null;
                var former = memberships.FirstOrDefault(p => p.UserId == user.Id);
                if (former is null)
                {
                    db.Participants.Add(new Participant
                    {
                        ConversationId = conversationId,
                        UserId = user.Id,
                        Role = ParticipantRole.Member,
                        JoinedAt = scope.Now,
                        AcceptedAt = accepted,
                        ClearedThroughSequence = historyStartsAfter,
                        LastReadSequence = historyStartsAfter,
                        LastDeliveredSequence = historyStartsAfter,
                    });
                }
                else
                {
                    // Rejoining follows the same rule as joining: without shared history, the time away stays private.
                    former.IsActive = true;
                    former.LeftAt = null;
                    former.Role = ParticipantRole.Member;
                    former.JoinedAt = scope.Now;
                    former.AcceptedAt = accepted;
                    former.IsHidden = false;
                    former.ClearedThroughSequence = historyStartsAfter;
                    former.LastReadSequence = former.LastDeliveredSequence = conversation.LastSequence;
                }

                await scope.RecordAsync(SystemEvent.ParticipantAdded, user.Id);
                Notifications.NotificationOutbox.AddedToConversation(db, conversationId, actorId, [user.Id], scope.Now);
            }
        }, cancellationToken);
        return await reader.GetAsync(actorId, conversationId, cancellationToken);
    }
}
