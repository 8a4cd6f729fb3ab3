using System.Threading.Channels;
using Messaging.Core.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Messaging.Web.Features.Realtime;

/// <summary>
/// One hub connection's subscription to the bus. Events queue here and are written in order by one loop, so a slow
/// client or a conversation re-read never holds up the bus or the other listeners.
/// </summary>
internal sealed class HubConnectionListener : IDisposable
{
    private readonly Channel<MessagingEvent> queue = Channel.CreateUnbounded<MessagingEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly IDisposable subscription;

    public HubConnectionListener(
        string connectionId, Guid userId, IEventBus bus, IHubContext<MessagingHub> hub, HubEventWriter writer, ILogger logger)
    {
        subscription = bus.Subscribe(userId, e =>
        {
            queue.Writer.TryWrite(e);
            return Task.CompletedTask;
        });
        _ = PumpAsync(hub.Clients.Client(connectionId), userId, writer, logger);
    }

    public void Dispose()
    {
        subscription.Dispose();
        queue.Writer.TryComplete();
        stopping.Cancel();
        stopping.Dispose();
    }

    private async Task PumpAsync(ISingleClientProxy client, Guid userId, HubEventWriter writer, ILogger logger)
    {
        var token = stopping.Token;
        try
        {
            await foreach (var messagingEvent in queue.Reader.ReadAllAsync(token))
            {
                try
                {
                    await writer.WriteAsync(client, userId, messagingEvent, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not deliver {Event} to a connection of {UserId}.", messagingEvent.GetType().Name, userId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection closed.
        }
    }
}
