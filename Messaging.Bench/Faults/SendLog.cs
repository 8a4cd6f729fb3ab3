using System.Collections.Concurrent;

namespace Messaging.Bench.Faults;

/// <summary>One message a client set out to send, and what became of it (acknowledged = the server answered 200/201).</summary>
internal sealed class SendRecord(string clientMessageId, Guid conversationId, Guid senderId, int ordinal, long startedAt)
{
    public string ClientMessageId { get; } = clientMessageId;
    public Guid ConversationId { get; } = conversationId;
    public Guid SenderId { get; } = senderId;

    /// <summary>The sender's n-th send: a client sends one at a time, so its acknowledged messages keep this order.</summary>
    public int Ordinal { get; } = ordinal;

    public long StartedAt { get; } = startedAt;
    public int Attempts { get; set; }
    public long? AcknowledgedAt { get; set; }
    public Guid? MessageId { get; set; }
    public long? Sequence { get; set; }

    /// <summary>A refusal that no retry can change (a 4xx other than 408/429): a send the client could not complete.</summary>
    public string? Refused { get; set; }
}

/// <summary>Every send of the run, by client message id.</summary>
internal sealed class SendLog
{
    private readonly ConcurrentDictionary<string, SendRecord> records = new();

    public void Add(SendRecord record) => records[record.ClientMessageId] = record;

    public IReadOnlyCollection<SendRecord> All => [.. records.Values];
}
