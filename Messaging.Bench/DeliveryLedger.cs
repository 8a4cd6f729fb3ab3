using System.Collections.Concurrent;
using System.Diagnostics;

namespace Messaging.Bench;

/// <summary>
/// Every message the run sent, who must receive it and who did: counts losses, duplicates and latencies (from the
/// start of the send to the arrival of <c>new_message</c> at each other participant).
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly ConcurrentDictionary<string, Sent> sent = new();
    private readonly ConcurrentDictionary<(string ClientMessageId, Guid UserId), int> arrivals = new();
    private readonly ConcurrentQueue<Latency> latencies = new();
    private long deliveries;
    private long duplicates;

    public long Deliveries => Interlocked.Read(ref deliveries);

    public long Duplicates => Interlocked.Read(ref duplicates);

    public IReadOnlyCollection<Latency> Latencies => latencies;

    public void Started(string clientMessageId, BenchConversation conversation, BenchUser sender, long startedAt) =>
        sent[clientMessageId] = new Sent(conversation, sender, startedAt);

    public void Failed(string clientMessageId) => sent.TryRemove(clientMessageId, out _);

    public void Arrived(string clientMessageId, Guid recipient, long at)
    {
        if (!sent.TryGetValue(clientMessageId, out var message))
        {
            return;
        }

        if (arrivals.AddOrUpdate((clientMessageId, recipient), 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref duplicates);
            return;
        }

        Interlocked.Increment(ref deliveries);
        if (recipient != message.Sender.Id)
        {
            latencies.Enqueue(new Latency(message.StartedAt, Stopwatch.GetElapsedTime(message.StartedAt, at).TotalMilliseconds));
        }
    }

    public long Expected => sent.Values.Sum(m => (long)m.Conversation.Participants.Count);

    /// <summary>One delivery's latency and when (Stopwatch timestamp) its send started.</summary>
    public readonly record struct Latency(long StartedAt, double Milliseconds);

    private sealed record Sent(BenchConversation Conversation, BenchUser Sender, long StartedAt);
}
