using System.Collections.Concurrent;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Presence;

/// <summary>
/// Presence per user across all their connections (hub connections and Blazor circuits) on all nodes. The first
/// connection makes a user online; activity keeps them online, <see cref="PresenceOptions.AwayAfter"/> without any
/// makes them away; they go offline <see cref="PresenceOptions.OfflineGrace"/> after their last connection anywhere
/// closed. Each change is announced once, to the people who share a conversation with the user.
/// </summary>
public sealed class PresenceTracker(
    IPresenceStore store,
    IEventBus events,
    IDbContextFactory<MessagingDbContext> dbFactory,
    TimeProvider time,
    IOptions<PresenceOptions> options,
    ILogger<PresenceTracker> logger) : IPresenceTracker, IPresenceReader, IDisposable
{
    private static readonly PresenceStatus[] FromAbsent = [PresenceStatus.Offline, PresenceStatus.Away];
    private static readonly PresenceStatus[] FromAway = [PresenceStatus.Away];
    private static readonly PresenceStatus[] FromOnline = [PresenceStatus.Online];
    private static readonly PresenceStatus[] FromPresent = [PresenceStatus.Online, PresenceStatus.Away];

    private readonly ConcurrentDictionary<Guid, LocalUser> users = new();

    // Cancels pending grace timers when the node stops: after that the database and the bus are gone, and the
    // other nodes (or the next start) own the user's presence.
    private readonly CancellationTokenSource stopping = new();
    private int disposed;

    private TimeSpan TouchEvery => TimeSpan.FromTicks(Math.Min(options.Value.AwayAfter.Ticks / 10, TimeSpan.FromSeconds(30).Ticks));

    public PresenceStatus GetStatus(Guid userId) => store.Read(userId).Status;

    public PresenceSnapshot GetSnapshot(Guid userId) => store.Read(userId);

    public async Task ConnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken = default)
    {
        var user = await EnterAsync(userId, cancellationToken);
        try
        {
            var now = time.UtcNow();
            var first = user.Connections.Count == 0;
            user.Connections.Add(connectionId);
            user.Generation++;
            user.LastTouch = now;
            if (first)
            {
                await store.SetHeldAsync(userId, true, cancellationToken);
            }

            await store.TouchAsync(userId, now, cancellationToken);
            await ChangeAsync(userId, new PresenceSnapshot(PresenceStatus.Online, null), FromAbsent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Presence is a courtesy: an outage of its store must never refuse a connection.
            logger.LogWarning(ex, "Presence could not record a connection of {UserId}.", userId);
        }
        finally
        {
            user.Gate.Release();
        }
    }

    public async Task DisconnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken = default)
    {
        if (!users.TryGetValue(userId, out var user))
        {
            return;
        }

        await user.Gate.WaitAsync(cancellationToken);
        try
        {
            if (!user.Connections.Remove(connectionId) || user.Connections.Count > 0)
            {
                return;
            }

            var generation = ++user.Generation;
            var leftAt = time.UtcNow();
            await store.SetHeldAsync(userId, false, cancellationToken);
            _ = OfflineAfterGraceAsync(userId, user, generation, leftAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Presence could not record a disconnection of {UserId}.", userId);
        }
        finally
        {
            user.Gate.Release();
        }
    }

    public async Task ActivityAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (!users.TryGetValue(userId, out var user))
        {
            return;
        }

        try
        {
            var now = time.UtcNow();
            if (now - user.LastTouch >= TouchEvery)
            {
                user.LastTouch = now;
                await store.TouchAsync(userId, now, cancellationToken);
            }

            if (store.Read(userId).Status == PresenceStatus.Away)
            {
                await store.TouchAsync(userId, now, cancellationToken);
                await ChangeAsync(userId, new PresenceSnapshot(PresenceStatus.Online, null), FromAway, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Presence could not record activity of {UserId}.", userId);
        }
    }

    /// <summary>Renews this node's claims and turns idle users away; run every <see cref="PresenceOptions.Heartbeat"/>.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var held = users.Where(u => u.Value.Connections.Count > 0).Select(u => u.Key).ToArray();
        await store.HeartbeatAsync(held, cancellationToken);
        var now = time.UtcNow();
        foreach (var userId in held)
        {
            if (store.Read(userId).Status != PresenceStatus.Online)
            {
                continue;
            }

            var lastActivity = await store.LastActivityAsync(userId, cancellationToken);
            if (lastActivity is { } at && now - at >= options.Value.AwayAfter)
            {
                await ChangeAsync(userId, new PresenceSnapshot(PresenceStatus.Away, at), FromOnline, cancellationToken);
            }
        }
    }

    /// <summary>Locks the user's live entry; retries when a grace expiry retired the entry while we waited.</summary>
    private async Task<LocalUser> EnterAsync(Guid userId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var user = users.GetOrAdd(userId, _ => new LocalUser());
            await user.Gate.WaitAsync(cancellationToken);
            if (users.TryGetValue(userId, out var current) && ReferenceEquals(current, user))
            {
                return user;
            }

            user.Gate.Release();
        }
    }

    private async Task OfflineAfterGraceAsync(Guid userId, LocalUser user, long generation, DateTime leftAt)
    {
        try
        {
            await Task.Delay(options.Value.OfflineGrace, time, stopping.Token);
            await user.Gate.WaitAsync(stopping.Token);
            try
            {
                if (user.Generation != generation)
                {
                    return; // Came back on this node meanwhile.
                }

                users.TryRemove(new KeyValuePair<Guid, LocalUser>(userId, user));
                if (!await store.IsHeldAnywhereAsync(userId, stopping.Token))
                {
                    await ChangeAsync(userId, new PresenceSnapshot(PresenceStatus.Offline, leftAt), FromPresent, stopping.Token);
                }
            }
            finally
            {
                user.Gate.Release();
            }
        }
#pragma warning disable CA1031 // Runs unawaited after the grace period: nobody would observe the exception, so log every kind.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!stopping.IsCancellationRequested)
            {
                // A stopping node's timers end quietly: the database and bus are gone, other nodes own presence.
                logger.LogWarning(ex, "Presence could not mark {UserId} offline.", userId);
            }
        }
    }

    /// <summary>
    /// Ends pending grace timers when the node's service provider is disposed; it calls this once per registration
    /// that hands out this instance, hence the guard.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        stopping.Cancel();
        stopping.Dispose();
    }

    private async Task ChangeAsync(Guid userId, PresenceSnapshot to, PresenceStatus[] from, CancellationToken cancellationToken)
    {
        if (!await store.TransitionAsync(userId, to, from, cancellationToken))
        {
            return;
        }

        var audience = await AudienceAsync(userId, cancellationToken);
        if (audience.Count > 0)
        {
            await events.PublishAsync(new PresenceEvent(audience, userId, to.Status, to.LastSeenAt), cancellationToken);
        }
    }

    /// <summary>The only people who may see the user's presence: see <see cref="ActivityAudience"/>.</summary>
    private async Task<IReadOnlyList<Guid>> AudienceAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ActivityAudience.WatchersOf(db, userId).ToListAsync(cancellationToken);
    }

    /// <summary>This node's connections of one user; <see cref="Gate"/> orders their connects, disconnects and grace expiry.</summary>
    private sealed class LocalUser
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public HashSet<string> Connections { get; } = [];
        public long Generation { get; set; }
        public DateTime LastTouch { get; set; }
    }
}
