using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Messaging.Core.Realtime;

/// <summary>The single-node bus: delivers to this process's subscribers only.</summary>
public sealed class InProcessEventBus(ILogger<InProcessEventBus> logger) : IEventBus
{
    private readonly ConcurrentDictionary<Guid, ImmutableSubscribers> subscribers = new();

    public Task PublishAsync(MessagingEvent messagingEvent, CancellationToken cancellationToken = default) =>
        DeliverLocallyAsync(messagingEvent);

    /// <summary>Hands an event to this node's subscribers; the Redis bus calls this for events from any node.</summary>
    public async Task DeliverLocallyAsync(MessagingEvent messagingEvent)
    {
        foreach (var userId in messagingEvent.Recipients.Distinct())
        {
            if (!subscribers.TryGetValue(userId, out var list))
            {
                continue;
            }

            foreach (var handler in list.Handlers)
            {
                try
                {
                    await handler(messagingEvent);
                }
#pragma warning disable CA1031 // Any failure of one listener is logged and isolated, whatever its type.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    // One broken listener (a closed circuit, say) must not keep the event from the others.
                    logger.LogWarning(ex, "A listener of user {UserId} failed on {Event}", userId, messagingEvent.GetType().Name);
                }
            }
        }
    }

    /// <summary>Hands <paramref name="catchUp"/> to every subscriber of this node, whoever its user.</summary>
    public async Task DeliverToEveryoneLocallyAsync(CatchUpEvent catchUp)
    {
        foreach (var userId in subscribers.Keys)
        {
            await DeliverLocallyAsync(catchUp with { Recipients = [userId] });
        }
    }

    public IDisposable Subscribe(Guid userId, Func<MessagingEvent, Task> handler)
    {
        subscribers.AddOrUpdate(userId, _ => new([handler]), (_, list) => new([.. list.Handlers, handler]));
        return new Subscription(() =>
        {
            while (subscribers.TryGetValue(userId, out var list))
            {
                var remaining = list.Handlers.Where(h => h != handler).ToArray();
                var updated = remaining.Length == 0
                    ? subscribers.TryRemove(new KeyValuePair<Guid, ImmutableSubscribers>(userId, list))
                    : subscribers.TryUpdate(userId, new(remaining), list);
                if (updated)
                {
                    return;
                }
            }
        });
    }

    private sealed record ImmutableSubscribers(Func<MessagingEvent, Task>[] Handlers);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
