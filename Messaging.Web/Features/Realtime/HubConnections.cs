using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Messaging.Web.Features.Realtime;

/// <summary>
/// This node's hub connections and their queued bus subscriptions (hub instances live for one call only). The first
/// event of every connection is <c>ready</c>, sent once the connection is subscribed (docs/realtime.md).
/// </summary>
internal sealed class HubConnections(QueuedSubscriptions subscriptions, IHubContext<MessagingHub> hub, HubEventWriter writer, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, QueuedSubscription> listeners = new();
    private readonly ConcurrentDictionary<string, ISingleClientProxy> clients = new();

    public int Count => listeners.Count;

    /// <param name="abort">Drops the connection; called when it falls too far behind or the user's access is ended.</param>
    public void Open(string connectionId, Guid userId, Action abort)
    {
        var client = hub.Clients.Client(connectionId);
        clients[connectionId] = client;
        listeners[connectionId] = subscriptions.Open(
            userId,
            "hub",
            (e, ct) => writer.WriteAsync(client, userId, e, ct),
            _ => abort(),
            ct => client.SendAsync(HubEventNames.Ready, new ReadyPayload(time.GetUtcNow().UtcDateTime), ct));
    }

    public void Close(string connectionId)
    {
        clients.TryRemove(connectionId, out _);
        if (listeners.TryRemove(connectionId, out var listener))
        {
            listener.Dispose();
        }
    }

    /// <summary>
    /// Sends <c>reconnect</c> to every hub connection of this node (never through a backplane: other nodes stay).
    /// A connection that is already gone is skipped; its client reconnects anyway.
    /// </summary>
    public Task TellAllToReconnectAsync(ReconnectReason reason)
    {
        var payload = new ReconnectPayload(reason, time.GetUtcNow().UtcDateTime);
        return Task.WhenAll(clients.Values.Select(client =>
            client.SendAsync(HubEventNames.Reconnect, payload)
                // Observed and dropped: one closed connection must not keep the others from their hint.
                .ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
    }
}
