using System.Collections.Concurrent;
using Messaging.Core.Conversations;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Realtime;

/// <summary>
/// Typing indicators: authorized like everything else, never stored. A start is forwarded at most once per user and
/// conversation every <see cref="Throttle"/>; a start without a stop expires after <see cref="Expiry"/>.
/// </summary>
public sealed class TypingHandler(IDbContextFactory<MessagingDbContext> dbFactory, IEventBus events, TimeProvider time)
{
    public static readonly TimeSpan Throttle = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(6);

    /// <summary>How often a client repeats "typing" while the user keeps typing: well inside <see cref="Expiry"/>.</summary>
    public static readonly TimeSpan ClientRepeat = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(Guid User, Guid Conversation), Typist> typists = new();

    // When a start was last forwarded, kept after a stop: alternating start/stop must not bypass the throttle.
    private readonly ConcurrentDictionary<(Guid User, Guid Conversation), DateTimeOffset> lastForwarded = new();

    public async Task StartAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var key = (userId, conversationId);
        if (typists.TryGetValue(key, out var current) && now - current.ForwardedAt < Throttle)
        {
            current.Renew(now);
            return;
        }

        var (audience, name) = await AudienceAsync(userId, conversationId, cancellationToken);
        if (lastForwarded.TryGetValue(key, out var forwarded) && now - forwarded < Throttle)
        {
            return;
        }

        lastForwarded[key] = now;
        ForgetOld(now);
        var typist = new Typist(now, audience, name);
        typists[key] = typist;
        await events.PublishAsync(new TypingEvent(audience, true, conversationId, userId, name), cancellationToken);
        _ = ExpireAsync(key, typist);
    }

    public async Task StopAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        if (typists.TryRemove((userId, conversationId), out var typist))
        {
            await events.PublishAsync(new TypingEvent(typist.Audience, false, conversationId, userId, typist.Name), cancellationToken);
            return;
        }

        // Not typing as far as this node knows: still check membership, so a stranger learns nothing either way.
        await AudienceAsync(userId, conversationId, cancellationToken);
    }

    private void ForgetOld(DateTimeOffset now)
    {
        if (lastForwarded.Count < 1024)
        {
            return;
        }

        foreach (var (key, at) in lastForwarded)
        {
            if (now - at >= Throttle)
            {
                lastForwarded.TryRemove(new KeyValuePair<(Guid, Guid), DateTimeOffset>(key, at));
            }
        }
    }

    private async Task ExpireAsync((Guid User, Guid Conversation) key, Typist typist)
    {
        while (true)
        {
            var wait = typist.LastSeen + Expiry - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time);
                continue;
            }

            if (typists.TryRemove(new KeyValuePair<(Guid, Guid), Typist>(key, typist)))
            {
                await events.PublishAsync(new TypingEvent(typist.Audience, false, key.Conversation, key.User, typist.Name));
            }

            return;
        }
    }

    private async Task<(IReadOnlyList<Guid> Audience, string Name)> AudienceAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireMembershipAsync(conversationId, userId, cancellationToken);
        return (membership.ActivityWatchers.Select(m => m.UserId).ToArray(), membership.CallerName);
    }

    private sealed class Typist(DateTimeOffset now, IReadOnlyList<Guid> audience, string name)
    {
        private long lastSeenTicks = now.UtcTicks;

        public DateTimeOffset ForwardedAt { get; } = now;
        public IReadOnlyList<Guid> Audience { get; } = audience;
        public string Name { get; } = name;
        public DateTimeOffset LastSeen => new(Interlocked.Read(ref lastSeenTicks), TimeSpan.Zero);

        public void Renew(DateTimeOffset at) => Interlocked.Exchange(ref lastSeenTicks, at.UtcTicks);
    }
}
