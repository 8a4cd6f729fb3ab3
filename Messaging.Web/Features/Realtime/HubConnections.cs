using System.Collections.Concurrent;
using Messaging.Core.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Messaging.Web.Features.Realtime;

/// <summary>This node's hub connections and their bus subscriptions (hub instances live for one call only).</summary>
internal sealed class HubConnections(IEventBus bus, IHubContext<MessagingHub> hub, HubEventWriter writer, ILogger<HubConnections> logger)
{
    private readonly ConcurrentDictionary<string, HubConnectionListener> listeners = new();

    public int Count => listeners.Count;

    public void Open(string connectionId, Guid userId) =>
        listeners[connectionId] = new HubConnectionListener(connectionId, userId, bus, hub, writer, logger);

    public void Close(string connectionId)
    {
        if (listeners.TryRemove(connectionId, out var listener))
        {
            listener.Dispose();
        }
    }
}
