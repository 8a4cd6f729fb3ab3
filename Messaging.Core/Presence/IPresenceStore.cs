namespace Messaging.Core.Presence;

/// <summary>
/// Where presence is shared: this process's memory (one node) or Redis keys (several nodes). The store only answers and
/// changes atomically; <see cref="PresenceTracker"/> decides when a user's status changes and who hears about it.
/// </summary>
public interface IPresenceStore
{
    /// <summary>Records whether this node holds at least one live connection of the user.</summary>
    Task SetHeldAsync(Guid userId, bool held, CancellationToken cancellationToken);

    /// <summary>Whether any node (whose heartbeat has not lapsed) holds a connection of the user.</summary>
    Task<bool> IsHeldAnywhereAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Renews this node's claim on the users it holds, so a crashed node's users eventually read as offline.</summary>
    Task HeartbeatAsync(IReadOnlyCollection<Guid> heldUsers, CancellationToken cancellationToken);

    /// <summary>Sets the status if the current one is in <paramref name="from"/>; true when it changed. Atomic across nodes.</summary>
    Task<bool> TransitionAsync(Guid userId, PresenceSnapshot to, IReadOnlyCollection<PresenceStatus> from, CancellationToken cancellationToken);

    Task TouchAsync(Guid userId, DateTime at, CancellationToken cancellationToken);

    Task<DateTime?> LastActivityAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The current status, possibly a few seconds stale on another node; never blocks on an outage.</summary>
    PresenceSnapshot Read(Guid userId);
}
