using System.Collections.Concurrent;

namespace Messaging.Core.Presence;

/// <summary>Connections per user on this node. The realtime layer replaces it with a cross-node tracker.</summary>
public sealed class InMemoryPresence : IPresenceReader, IPresenceTracker
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> connections = new();

    public PresenceStatus GetStatus(Guid userId) =>
        connections.TryGetValue(userId, out var set) && !set.IsEmpty ? PresenceStatus.Online : PresenceStatus.Offline;

    public Task ConnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken = default)
    {
        connections.GetOrAdd(userId, _ => new()).TryAdd(connectionId, 0);
        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken = default)
    {
        if (connections.TryGetValue(userId, out var set))
        {
            set.TryRemove(connectionId, out _);
        }

        return Task.CompletedTask;
    }

    public Task ActivityAsync(Guid userId, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
