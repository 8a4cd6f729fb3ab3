using Messaging.Core.Persistence;

namespace Messaging.Core.Conversations;

/// <summary>
/// The one rule for who sees a person's activity: presence (online, away, last seen), typing and delivered/read
/// receipts. A viewer sees a subject's activity only through a conversation that both are active in and both have
/// accepted (created it, accepted the invite, or written in it), and never when either blocked the other.
/// Why: a stranger who opens a direct conversation, or an admin who adds someone to a group, must not learn when
/// that person is online or reads until the person has chosen to take part.
/// </summary>
public static class ActivityAudience
{
    /// <summary>The rule for one pair, for the paths that already hold the membership in memory.</summary>
    public static bool Sees(bool subjectAccepted, bool viewerAccepted, bool blockedEitherWay) =>
        subjectAccepted && viewerAccepted && !blockedEitherWay;

    /// <summary>The same rule as a query: everyone who may see <paramref name="subjectId"/>'s presence (used for presence events).</summary>
    public static IQueryable<Guid> WatchersOf(MessagingDbContext db, Guid subjectId)
    {
        var accepted = db.Participants
            .Where(p => p.UserId == subjectId && p.IsActive && p.AcceptedAt != null)
            .Select(p => p.ConversationId);
        return db.Participants
            .Where(p => accepted.Contains(p.ConversationId) && p.IsActive && p.AcceptedAt != null && p.UserId != subjectId
                        && !db.Blocks.Any(b => (b.BlockerId == p.UserId && b.BlockedId == subjectId)
                                               || (b.BlockerId == subjectId && b.BlockedId == p.UserId)))
            .Select(p => p.UserId)
            .Distinct();
    }

    /// <summary>Whose presence <paramref name="viewerId"/> may see among <paramref name="userIds"/> (conversation views).</summary>
    public static IQueryable<Guid> VisibleTo(MessagingDbContext db, Guid viewerId, Guid[] userIds) =>
        WatchersOf(db, viewerId).Where(id => userIds.Contains(id));
}
