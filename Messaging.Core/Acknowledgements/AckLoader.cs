using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Acknowledgements;

/// <summary>The acknowledgements of a page of messages, read in one query with the page's attachments and reactions.</summary>
internal static class AckLoader
{
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<AckView>>> LoadAsync(
        MessagingDbContext db, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Acknowledgement>().AsNoTracking().Where(a => messageIds.Contains(a.MessageId)).ToListAsync(cancellationToken);
        return rows.GroupBy(a => a.MessageId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<AckView>)g.OrderBy(a => a.At).ThenBy(a => a.UserId).Select(a => new AckView(a.UserId, a.At)).ToArray());
    }
}
