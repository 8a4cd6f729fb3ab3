using Messaging.Core.Common;
using Messaging.Core.Messages;
using Messaging.Core.Realtime;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// The delivered and read receipts of one circuit, coalesced: per conversation and kind, at most one write per
/// <see cref="Interval"/> (the first at once, later ones merged into one at the end of the second), never backwards.
/// "Read" is only written while the tab is visible (<see cref="ChatSession.TabVisible"/>). The writes run off the
/// renderer, so applying an event never waits for the database.
/// </summary>
public sealed class CircuitReceipts(ChatSession session, MarkReceiptHandler receipts, TimeProvider time, ILogger<CircuitReceipts> logger) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly Dictionary<(Guid Conversation, ReceiptKind Kind), Slot> slots = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> inFlight = [];
    private int writes;

    /// <summary>Receipts written so far.</summary>
    public int Writes => Volatile.Read(ref writes);

    /// <summary>The message reached this user's screen.</summary>
    public void Delivered(Guid conversationId, Guid messageId, long? sequence = null) =>
        Request(conversationId, messageId, sequence, ReceiptKind.Delivered);

    /// <summary>The user has seen everything up to this message; ignored (false) while the tab is hidden.</summary>
    public bool Read(Guid conversationId, Guid messageId, long? sequence = null)
    {
        if (!session.TabVisible)
        {
            return false;
        }

        Request(conversationId, messageId, sequence, ReceiptKind.Read);
        return true;
    }

    /// <summary>Completes when the writes started so far are done (tests, the bench).</summary>
    public Task WhenIdleAsync()
    {
        lock (gate)
        {
            return Task.WhenAll([.. inFlight]);
        }
    }

    private void Request(Guid conversationId, Guid messageId, long? sequence, ReceiptKind kind)
    {
        var key = (conversationId, kind);
        lock (gate)
        {
            if (!slots.TryGetValue(key, out var slot))
            {
                slot = new Slot();
                slots[key] = slot;
            }

            var older = sequence is { } s && slot.Sequence is { } highest ? s <= highest : slot.MessageId == messageId;
            if (older || stopping.IsCancellationRequested)
            {
                return;
            }

            slot.MessageId = messageId;
            slot.Sequence = sequence ?? slot.Sequence;
            if (slot.Scheduled)
            {
                return;
            }

            slot.Scheduled = true;
            var wait = slot.LastWrite + Interval - time.GetUtcNow();

            // The timer starts now, not when the write task first runs.
            var delay = wait > TimeSpan.Zero ? Task.Delay(wait, time, stopping.Token) : Task.CompletedTask;
            var task = WriteAsync(key, delay);
            inFlight.Add(task);
            _ = task.ContinueWith(t => Forget(t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Forget(Task task)
    {
        lock (gate)
        {
            inFlight.Remove(task);
        }
    }

    private async Task WriteAsync((Guid Conversation, ReceiptKind Kind) key, Task delay)
    {
        await Task.Yield();
        try
        {
            await delay;

            Guid messageId;
            lock (gate)
            {
                var slot = slots[key];
                slot.Scheduled = false;
                slot.LastWrite = time.GetUtcNow();
                messageId = slot.MessageId;
            }

            await receipts.HandleAsync(session.UserId, key.Conversation, messageId, key.Kind, stopping.Token);
            Interlocked.Increment(ref writes);
        }
        catch (OperationCanceledException)
        {
            // The circuit closed: a receipt still waiting for its second is dropped; the next visit writes it.
        }
        catch (MessagingException ex)
        {
            // The membership ended or the message went away meanwhile; the conversation events show that.
            logger.LogDebug(ex, "Receipt {Kind} in {ConversationId} not written ({Code}).", key.Kind, key.Conversation, ex.Code);
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private sealed class Slot
    {
        public Guid MessageId { get; set; }

        public long? Sequence { get; set; }

        public DateTimeOffset LastWrite { get; set; } = DateTimeOffset.MinValue;

        public bool Scheduled { get; set; }
    }
}
