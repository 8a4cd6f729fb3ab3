using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Conversations;

/// <summary>What each user decides for themself about a conversation: archive, mute, delete for me, accept.</summary>
public sealed class ConversationPreferences(IDbContextFactory<MessagingDbContext> dbFactory, IEventBus events, TimeProvider time)
{
    public Task ArchiveAsync(Guid userId, Guid conversationId, bool archived, CancellationToken cancellationToken = default) =>
        UpdateAsync(userId, conversationId, p => p.IsArchived = archived, cancellationToken);

    public Task MuteAsync(Guid userId, Guid conversationId, DateTime? until, CancellationToken cancellationToken = default)
    {
        if (until is { } end && end.ToUniversalTime() <= time.UtcNow())
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "until");
        }

        return UpdateAsync(userId, conversationId, p =>
        {
            p.IsMuted = true;
            p.MutedUntil = until?.ToUniversalTime();
        }, cancellationToken);
    }

    public Task UnmuteAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken = default) =>
        UpdateAsync(userId, conversationId, p =>
        {
            p.IsMuted = false;
            p.MutedUntil = null;
        }, cancellationToken);

    /// <summary>Removes the conversation and its history so far from this user's view only; a new message brings it back.</summary>
    public Task DeleteForMeAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken = default) =>
        UpdateAsync(userId, conversationId, p =>
        {
            var last = p.Of().LastSequence;
            p.IsHidden = true;
            p.IsArchived = false;
            p.ClearedThroughSequence = last;
            p.LastReadSequence = Math.Max(p.LastReadSequence, last);
            p.LastDeliveredSequence = Math.Max(p.LastDeliveredSequence, last);
        }, cancellationToken);

    /// <summary>Accepts an invite (or a stranger's direct conversation): from now on the others may see this user's activity.</summary>
    public Task AcceptAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        var now = time.UtcNow();
        // Everyone's view changes (presence now shows both ways), not only the user's own devices.
        return UpdateAsync(userId, conversationId, p => p.AcceptedAt ??= now, cancellationToken, toEveryone: true);
    }

    private async Task UpdateAsync(Guid userId, Guid conversationId, Action<Participant> change, CancellationToken cancellationToken, bool toEveryone = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireMembershipAsync(conversationId, userId, cancellationToken);
        change(membership.Caller);
        await db.SaveChangesAsync(cancellationToken);
        // The user's other tabs and devices follow.
        await events.PublishAsync(new ConversationChangedEvent(toEveryone ? membership.Audience : [userId], conversationId), cancellationToken);
    }
}
