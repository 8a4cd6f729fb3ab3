using System.Threading.Channels;
using Messaging.Core.Realtime;

namespace Messaging.Web.Features.Realtime;

/// <summary>Why a <see cref="QueuedSubscription"/> stopped.</summary>
public enum SubscriptionEndReason
{
    /// <summary>Its owner disposed it (the hub connection or circuit went away); nobody is told.</summary>
    Disposed,

    /// <summary>It fell behind by more than its bound; its owner must drop the connection or reload.</summary>
    Overflow,
}

/// <summary>
/// One listener's subscription to the bus for one user: the bus only queues (never waits), and one pump per subscriber
/// hands the events over in order. Used by hub connections and Blazor circuits alike. When the queue is full the
/// subscription ends with <see cref="SubscriptionEndReason.Overflow"/>: memory never grows without limit.
/// </summary>
public sealed class QueuedSubscription : IDisposable
{
    private readonly Channel<MessagingEvent> queue;
    private readonly CancellationTokenSource stopping = new();
    private readonly IDisposable busSubscription;
    private readonly Func<MessagingEvent, CancellationToken, Task> deliver;
    private readonly Action<SubscriptionEndReason> ended;
    private readonly Action<QueuedSubscription> forget;
    private readonly ILogger logger;
    private int state;

    internal QueuedSubscription(
        IEventBus bus,
        Guid userId,
        string kind,
        int capacity,
        Func<MessagingEvent, CancellationToken, Task> deliver,
        Action<SubscriptionEndReason> ended,
        Func<CancellationToken, Task>? started,
        Action<QueuedSubscription> forget,
        ILogger logger)
    {
        UserId = userId;
        Kind = kind;
        Capacity = capacity;
        this.deliver = deliver;
        this.ended = ended;
        this.forget = forget;
        this.logger = logger;
        queue = Channel.CreateBounded<MessagingEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        // Subscribed before the pump starts: whatever `started` announces (the hub's `ready`), the events after it are queued.
        RealtimeMetrics.Opened(this);
        busSubscription = bus.Subscribe(userId, Enqueue);
        var token = stopping.Token;
        Completion = Task.Run(() => PumpAsync(started, token), CancellationToken.None);
    }

    public Guid UserId { get; }

    /// <summary>"hub" or "circuit", for the logs.</summary>
    public string Kind { get; }

    public int Capacity { get; }

    /// <summary>Events queued and not yet handed over.</summary>
    public int Pending => queue.Reader.Count;

    /// <summary>Null while running.</summary>
    public SubscriptionEndReason? EndReason { get; private set; }

    /// <summary>Completes when the pump has stopped.</summary>
    public Task Completion { get; }

    /// <summary>
    /// Ends the subscription: nothing more is queued or handed over, and (unless <paramref name="reason"/> is
    /// <see cref="SubscriptionEndReason.Disposed"/>) its owner's end callback runs once: a hub connection is aborted,
    /// a circuit is told. Safe to call more than once and from any thread; only the first call counts.
    /// </summary>
    public void End(SubscriptionEndReason reason)
    {
        if (Interlocked.CompareExchange(ref state, 1, 0) != 0)
        {
            return;
        }

        EndReason = reason;
        RealtimeMetrics.Ended(this, reason);
        busSubscription.Dispose();
        try
        {
            stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The pump stopped on its own in the same moment and has let go of its token: nothing left to stop.
        }

        queue.Writer.TryComplete();
        forget(this);
        if (reason == SubscriptionEndReason.Disposed)
        {
            return;
        }

        try
        {
            ended(reason);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The owner is already going away (a disposed circuit or connection): nothing left to tell.
            logger.LogDebug(ex, "The {Kind} subscriber of {UserId} was already gone when it ended ({Reason}).", Kind, UserId, reason);
        }
    }

    public void Dispose() => End(SubscriptionEndReason.Disposed);

    private Task Enqueue(MessagingEvent messagingEvent)
    {
        if (!queue.Writer.TryWrite(messagingEvent) && Volatile.Read(ref state) == 0)
        {
            logger.LogWarning(
                "A {Kind} subscriber of {UserId} fell more than {Capacity} events behind; ending it ({Event} not queued).",
                Kind, UserId, Capacity, messagingEvent.GetType().Name);
            End(SubscriptionEndReason.Overflow);
        }

        return Task.CompletedTask;
    }

    private async Task PumpAsync(Func<CancellationToken, Task>? started, CancellationToken token)
    {
        try
        {
            if (started is not null)
            {
                await started(token);
            }

            await foreach (var messagingEvent in queue.Reader.ReadAllAsync(token))
            {
                try
                {
                    await deliver(messagingEvent, token);
                    RealtimeMetrics.Delivered(this, messagingEvent, TimeProvider.System.GetUtcNow().UtcDateTime);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // General on purpose: one event the listener cannot take (a closed socket, a failing handler)
                    // must not stop the events after it.
                    logger.LogWarning(ex, "Could not hand {Event} to a {Kind} subscriber of {UserId}.", messagingEvent.GetType().Name, Kind, UserId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ended.
        }
#pragma warning disable CA1031 // General on purpose: see below.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // General on purpose: the `started` callback failed (the connection is already closing); the pump has nothing to run on.
            logger.LogWarning(ex, "The {Kind} subscriber of {UserId} could not start.", Kind, UserId);
        }
        finally
        {
            // However the pump stopped (ended, or `started` failed on a closing connection), the subscription ends with
            // it: left subscribed, the bus would fill a queue nobody reads, for as long as the node runs.
            End(SubscriptionEndReason.Disposed);
            stopping.Dispose();
        }
    }
}
