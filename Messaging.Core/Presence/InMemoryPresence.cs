using System.Collections.Concurrent;

namespace Messaging.Core.Presence;

/// <summary>Connection counts per user on this node; the realtime layer reports connects and disconnects.</summary>
public sealed class InMemoryPresence : IPresenceReader
{
    private readonly ConcurrentDictionary<Guid, int> connections = new();

    public PresenceStatus GetStatus(Guid userId) =>
        connections.TryGetValue(userId, out var count) && count > 0 ? PresenceStatus.Online : PresenceStatus.Offline;

    public void Connected(Guid userId) => connections.AddOrUpdate(userId, 1, (_, n) => n + 1);

    public void Disconnected(Guid userId) => connections.AddOrUpdate(userId, 0, (_, n) => Math.Max(0, n - 1));
}
