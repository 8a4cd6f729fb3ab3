using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Messaging.Core.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Messaging.Core.Realtime;

/// <summary>
/// The multi-node bus: an event is delivered to this node's subscribers at once, then published on one Redis channel
/// from which every other node delivers it to its own. The publishing node skips its own echo, so nobody hears an event
/// twice. While Redis is unreachable the node keeps serving its own users (local delivery only) and the multiplexer
/// reconnects by itself; other nodes' users catch up by sequence after reconnecting.
/// Each payload is signed: HMAC-SHA-256(origin | body) | origin | body, under <see cref="RealtimeOptions.EventSigningKey"/>;
/// anything that does not verify (forged, unsigned, altered) is dropped and logged.
/// </summary>
public sealed class RedisEventBus(
    IConnectionMultiplexer redis,
    InProcessEventBus local,
    NodeIdentity node,
    IOptions<RealtimeOptions> options,
    ILogger<RedisEventBus> logger) : IEventBus, IAsyncDisposable
{
    // Events are serialized with default options: only nodes of the same build read them.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly RedisChannel channel = RedisChannel.Literal($"{options.Value.ChannelPrefix}:events");
    private readonly byte[] origin = Encoding.ASCII.GetBytes(node.Id);
    private readonly byte[] signingKey = Encoding.UTF8.GetBytes(
        string.IsNullOrEmpty(options.Value.EventSigningKey) ? RealtimeOptions.DevelopmentEventSigningKey : options.Value.EventSigningKey);
    // The discriminator is the first property System.Text.Json writes: an own echo is read only if it starts so.
    private static readonly byte[] CatchUpPrefix = Encoding.UTF8.GetBytes($"{{\"$kind\":\"{CatchUpEvent.Kind}\"");

    private ChannelMessageQueue? queue;
    private int watching;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // StartAsync is retried until Redis answers; the log handlers must be attached only once.
        if (Interlocked.Exchange(ref watching, 1) == 0)
        {
            redis.ConnectionFailed += (_, e) => logger.LogWarning(
                "Redis connection lost ({FailureType}); events reach this node's users only until it is back.", e.FailureType);
            redis.ConnectionRestored += (_, _) =>
            {
                MessagingMetrics.RedisReconnects.Add(1);
                logger.LogInformation("Redis connection restored; events are shared between nodes again.");
                _ = AnnounceCatchUpAsync();
            };
            if (string.IsNullOrEmpty(options.Value.EventSigningKey))
            {
                logger.LogWarning("Messaging:Realtime:EventSigningKey is not set: events on Redis are signed with the public development key, so anyone who can publish on Redis can forge them.");
            }
        }

        // A queue (not a callback) keeps the events of one publisher in order.
        queue = await redis.GetSubscriber().SubscribeAsync(channel);
        queue.OnMessage(ReceiveAsync);
    }

    public async Task PublishAsync(MessagingEvent messagingEvent, CancellationToken cancellationToken = default)
    {
        await local.DeliverLocallyAsync(messagingEvent);
        if (!redis.IsConnected)
        {
            logger.LogDebug("Redis is down: {Event} stays on this node.", messagingEvent.GetType().Name);
            return;
        }

        try
        {
            // Fire and forget: the order on the one connection is kept and the sender never waits for Redis.
            await redis.GetSubscriber().PublishAsync(channel, Encode(messagingEvent), CommandFlags.FireAndForget);
            MessagingMetrics.BusPublished.Add(1);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not publish {Event} to the other nodes.", messagingEvent.GetType().Name);
        }
    }

    public IDisposable Subscribe(Guid userId, Func<MessagingEvent, Task> handler) => local.Subscribe(userId, handler);

    /// <summary>
    /// After an outage, events published by or for this node while it was cut off never crossed: its own subscribers
    /// catch up now, and the announcement tells every other node's subscribers to catch up too. Its echo comes back
    /// here as well (kept, unlike other echoes), so our own subscribers catch up again once the subscription is
    /// surely restored, whichever of the two Redis connections came back last.
    /// </summary>
    private async Task AnnounceCatchUpAsync()
    {
        try
        {
            await local.DeliverToEveryoneLocallyAsync(new CatchUpEvent());
            await redis.GetSubscriber().PublishAsync(channel, Encode(new CatchUpEvent()), CommandFlags.FireAndForget);
        }
#pragma warning disable CA1031 // Runs detached from the restore event; any failure is logged, never thrown into the Redis client.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Could not announce the catch-up after Redis came back.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (queue is not null)
        {
            await queue.UnsubscribeAsync();
        }
    }

    private byte[] Encode(MessagingEvent messagingEvent)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(messagingEvent, Json);
        var payload = new byte[HMACSHA256.HashSizeInBytes + origin.Length + body.Length];
        origin.CopyTo(payload, HMACSHA256.HashSizeInBytes);
        body.CopyTo(payload, HMACSHA256.HashSizeInBytes + origin.Length);
        HMACSHA256.HashData(signingKey, payload.AsSpan(HMACSHA256.HashSizeInBytes), payload.AsSpan(0, HMACSHA256.HashSizeInBytes));
        return payload;
    }

    private async Task ReceiveAsync(ChannelMessage message)
    {
        try
        {
            var payload = (ReadOnlyMemory<byte>)message.Message;
            if (!Verifies(payload.Span))
            {
                logger.LogWarning("Dropped an event on Redis channel {Channel} whose signature does not verify (forged, unsigned or altered).", channel);
                return;
            }

            var signed = payload[HMACSHA256.HashSizeInBytes..];
            if (signed.Length <= origin.Length
                || (signed.Span[..origin.Length].SequenceEqual(origin) && !signed.Span[origin.Length..].StartsWith(CatchUpPrefix)))
            {
                return;
            }

            var messagingEvent = JsonSerializer.Deserialize<MessagingEvent>(signed.Span[origin.Length..], Json);
            if (messagingEvent is CatchUpEvent catchUp)
            {
                await local.DeliverToEveryoneLocallyAsync(catchUp);
            }
            else if (messagingEvent is not null)
            {
                MessagingMetrics.BusReceived.Add(1);
                await local.DeliverLocallyAsync(messagingEvent);
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored an unreadable event from Redis.");
        }
    }

    private bool Verifies(ReadOnlySpan<byte> payload)
    {
        if (payload.Length <= HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(signingKey, payload[HMACSHA256.HashSizeInBytes..], expected);
        return CryptographicOperations.FixedTimeEquals(expected, payload[..HMACSHA256.HashSizeInBytes]);
    }
}
