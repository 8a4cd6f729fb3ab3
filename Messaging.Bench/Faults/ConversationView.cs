using System.Diagnostics;

namespace Messaging.Bench.Faults;

/// <summary>A message as a client holds it: what the checker compares with the server's history.</summary>
internal sealed record HeldMessage(Guid Id, long Sequence, Guid SenderId, string? ClientMessageId, long HeldSince);

/// <summary>
/// One client's view of one conversation, built only from what a real client gets: live <c>new_message</c> events,
/// catch-up pages and its own send responses, merged by message id and ordered by sequence. Anything that contradicts
/// itself (one id at two sequences, two ids at one sequence) is kept as a conflict for the checker.
/// </summary>
internal sealed class ConversationView(Guid conversationId)
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<long, HeldMessage> bySequence = [];
    private readonly Dictionary<Guid, long> sequenceOf = [];
    private readonly List<string> conflicts = [];

    public Guid ConversationId { get; } = conversationId;

    /// <summary>The highest sequence up to which the client holds every message: where a catch-up starts.</summary>
    public long Contiguous { get; private set; }

    public IReadOnlyList<string> Conflicts
    {
        get
        {
            lock (gate)
            {
                return [.. conflicts];
            }
        }
    }

    /// <summary>Merges one message; true when it reveals a gap (its sequence is past the next one the client expects).</summary>
    public bool Merge(Guid id, long sequence, Guid senderId, string? clientMessageId)
    {
        lock (gate)
        {
            var gap = sequence > Contiguous + 1;
            if (sequenceOf.TryGetValue(id, out var held))
            {
                if (held != sequence)
                {
                    conflicts.Add($"message {id} held at sequence {held} arrived again at sequence {sequence}");
                }

                return false;
            }

            if (bySequence.TryGetValue(sequence, out var other))
            {
                conflicts.Add($"sequence {sequence} held as message {other.Id}, then message {id} arrived with it");
                return false;
            }

            bySequence[sequence] = new HeldMessage(id, sequence, senderId, clientMessageId, Stopwatch.GetTimestamp());
            sequenceOf[id] = sequence;
            while (bySequence.ContainsKey(Contiguous + 1))
            {
                Contiguous++;
            }

            return gap;
        }
    }

    public IReadOnlyList<HeldMessage> Snapshot()
    {
        lock (gate)
        {
            return [.. bySequence.Values];
        }
    }

    /// <summary>When the client first held <paramref name="id"/> (a Stopwatch timestamp), or null.</summary>
    public long? HeldSince(Guid id)
    {
        lock (gate)
        {
            return sequenceOf.TryGetValue(id, out var sequence) ? bySequence[sequence].HeldSince : null;
        }
    }
}
