using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

/// <summary>Chooses <see cref="SearchPlan.MemberFirst"/> or <see cref="SearchPlan.IndexFirst"/> for one search.</summary>
public static class SearchPlanner
{
    /// <summary>
    /// Member-first costs about one index entry per readable message (SQLite builds the set of the caller's message
    /// rowids; PostgreSQL re-parses each readable message's text), so it stops paying off somewhere in the tens of
    /// thousands. Measured at 1M messages: an ordinary member reads ~3,500 and a common word matches up to 650,000
    /// messages, which index-first ranks and joins in full. 20,000 keeps member-first's own cost at a few tens of
    /// milliseconds; above it the caller reads so much that the index's own selectivity is the better start.
    /// </summary>
    public const long MemberFirstBelow = 20_000;

    /// <summary>The plan for <paramref name="requested"/>; automatic counts the caller's readable messages (one small query).</summary>
    public static async Task<SearchPlan> ChooseAsync(
        MessagingDbContext db, Guid userId, Guid? conversationId, SearchPlan requested, CancellationToken cancellationToken)
    {
        if (requested != SearchPlan.Automatic)
        {
            return requested;
        }

        // The readable range of each conversation: after the caller's cleared (or joined-at) sequence, up to the last one.
        var readable = await (
                from p in db.Participants
                join c in db.Conversations on p.ConversationId equals c.Id
                where p.UserId == userId && p.IsActive && !c.IsEncrypted && (conversationId == null || c.Id == conversationId)
                select c.LastSequence - p.ClearedThroughSequence)
            .SumAsync(cancellationToken);
        return readable < MemberFirstBelow ? SearchPlan.MemberFirst : SearchPlan.IndexFirst;
    }
}
