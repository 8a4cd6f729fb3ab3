using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Accounts.Sessions;

/// <summary>
/// Keeps every event's audience to verified users, whatever the use case computed: read at publish time from the
/// database, so once an administrator's change is committed nothing published afterwards reaches the user, on any node
/// (message plaintext of encrypted conversations included).
/// </summary>
internal sealed class VerifiedAudienceBus(IEventBus inner, IDbContextFactory<MessagingDbContext> dbFactory, TimeProvider time) : IEventBus
{
    public async Task PublishAsync(MessagingEvent messagingEvent, CancellationToken cancellationToken = default)
    {
        if (messagingEvent is UserAccessChangedEvent)
        {
            await inner.PublishAsync(messagingEvent, cancellationToken);
            return;
        }

        var recipients = messagingEvent.Recipients.Distinct().ToArray();
        if (recipients.Length == 0)
        {
            return;
        }

        var now = time.UtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var verified = await db.Users.AsNoTracking()
            .Where(u => recipients.Contains(u.Id) && u.VerificationStatus == VerificationStatus.Verified
                        && (u.SuspendedAt == null || (u.SuspendedUntil != null && u.SuspendedUntil <= now)))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        if (verified.Count == 0)
        {
            return;
        }

        await inner.PublishAsync(verified.Count == recipients.Length ? messagingEvent : messagingEvent with { Recipients = verified }, cancellationToken);
    }

    public IDisposable Subscribe(Guid userId, Func<MessagingEvent, Task> handler) => inner.Subscribe(userId, handler);
}
