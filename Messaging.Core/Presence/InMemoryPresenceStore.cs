using System.Collections.Concurrent;

namespace Messaging.Core.Presence;

/// <summary>Presence of a single node: everything is in this process.</summary>
public sealed class InMemoryPresenceStore : IPresenceStore
{
    private readonly ConcurrentDictionary<Guid, PresenceSnapshot> statuses = new();
    private readonly ConcurrentDictionary<Guid, DateTime> activity = new();
    private readonly ConcurrentDictionary<Guid, byte> holders = new();
    private readonly Lock gate = new();

    public Task SetHeldAsync(Guid userId, bool held, CancellationToken cancellationToken)
    {
        if (held)
        {
            holders[userId] = 0;
        }
        else
        {
            holders.TryRemove(userId, out _);
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsHeldAnywhereAsync(Guid userId, CancellationToken cancellationToken) => Task.FromResult(holders.ContainsKey(userId));

    public Task HeartbeatAsync(IReadOnlyCollection<Guid> heldUsers, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> TransitionAsync(Guid userId, PresenceSnapshot to, IReadOnlyCollection<PresenceStatus> from, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!from.Contains(Read(userId).Status))
            {
                return Task.FromResult(false);
            }

            statuses[userId] = to;
            return Task.FromResult(true);
        }
    }

    public Task TouchAsync(Guid userId, DateTime at, CancellationToken cancellationToken)
    {
        activity[userId] = at;
        return Task.CompletedTask;
    }

    public Task<DateTime?> LastActivityAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(activity.TryGetValue(userId, out var at) ? at : (DateTime?)null);

    public PresenceSnapshot Read(Guid userId) => statuses.GetValueOrDefault(userId, PresenceSnapshot.Offline);
}
