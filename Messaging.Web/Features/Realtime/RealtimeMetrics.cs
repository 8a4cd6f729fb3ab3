using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Messaging.Core.Realtime;

namespace Messaging.Web.Features.Realtime;

/// <summary>
/// Live hub connections and circuits, their queues and cut-offs, and deliveries with their server-side latency
/// (commit → handed to the connection). Observed from the live subscriptions themselves, so a gauge can never drift.
/// </summary>
internal static class RealtimeMetrics
{
    public const string MeterName = "Messaging.Realtime";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<QueuedSubscription, byte> Live = new();

    private static readonly Counter<long> CutOffs = Meter.CreateCounter<long>(
        "messaging.realtime.cutoffs", "{subscriber}", "Hub connections and circuits ended because they fell too far behind.");

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "messaging.realtime.deliveries", "{message}", "New messages handed to a hub connection or circuit.");

    private static readonly Histogram<double> DeliveryLatency = Meter.CreateHistogram(
        "messaging.realtime.delivery.latency", "s", "From a message's commit to its hand-over to one hub connection or circuit.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    static RealtimeMetrics()
    {
        Meter.CreateObservableUpDownCounter(
            "messaging.realtime.subscribers", () => ByKind(s => 1), "{subscriber}", "Live hub connections (kind=hub) and circuits (kind=circuit).");
        Meter.CreateObservableUpDownCounter(
            "messaging.realtime.queue.depth", () => ByKind(s => s.Pending), "{event}", "Events queued for hub connections and circuits, not yet handed over.");
        Meter.CreateObservableGauge(
            "messaging.realtime.queue.depth.max", () => Live.Keys.GroupBy(s => s.Kind).Select(g => new Measurement<int>(g.Max(s => s.Pending), Kind(g.Key))),
            "{event}", "The longest queue of one hub connection or circuit.");
    }

    public static void Opened(QueuedSubscription subscription) => Live[subscription] = 0;

    /// <summary>Live hub connections and circuits of this process, for the node list (System page).</summary>
    public static (int HubConnections, int Circuits) Count()
    {
        var live = Live.Keys.ToList();
        return (live.Count(s => s.Kind == "hub"), live.Count(s => s.Kind == "circuit"));
    }

    public static void Ended(QueuedSubscription subscription, SubscriptionEndReason reason)
    {
        Live.TryRemove(subscription, out _);
        if (reason == SubscriptionEndReason.Overflow)
        {
            CutOffs.Add(1, Kind(subscription.Kind));
        }
    }

    /// <summary>After an event was handed over; only new messages count as deliveries.</summary>
    public static void Delivered(QueuedSubscription subscription, MessagingEvent messagingEvent, DateTime now)
    {
        if (messagingEvent is MessageEvent { Kind: MessageEventKind.New } m)
        {
            var kind = Kind(subscription.Kind);
            Deliveries.Add(1, kind);
            DeliveryLatency.Record(Math.Max(0, (now - m.Message.SentAt).TotalSeconds), kind);
        }
    }

    private static IEnumerable<Measurement<int>> ByKind(Func<QueuedSubscription, int> value) =>
        Live.Keys.GroupBy(s => s.Kind).Select(g => new Measurement<int>(g.Sum(value), Kind(g.Key)));

    private static KeyValuePair<string, object?> Kind(string kind) => new("kind", kind);
}
