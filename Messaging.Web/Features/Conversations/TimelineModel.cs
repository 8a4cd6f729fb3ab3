using Messaging.Core.Messages;
using Messaging.Core.Realtime;

namespace Messaging.Web.Features.Conversations;

/// <summary>One row of the log: a message with what its neighbours decide (day separator, sender run).</summary>
public sealed record TimelineEntry(MessageView Message, bool FirstOfDay, bool ShowSender, bool Continues);

/// <summary>What applying an event did to the timeline.</summary>
public enum TimelineChange
{
    /// <summary>Nothing shown changed.</summary>
    None,

    /// <summary>Something shown changed.</summary>
    Changed,

    /// <summary>A new message was added at the end of the log.</summary>
    Appended,

    /// <summary>A new message came whose sequence is not the next one: messages were missed; catch up after <see cref="TimelineModel.LastSequence"/> before it.</summary>
    Gap,
}

/// <summary>
/// The main log of one conversation as one user sees it, without any UI: built from a page, changed by events,
/// extended by older pages. Messages are unique by id and ordered by sequence; thread replies are not in the log
/// (only their root's reply count), but they are kept for quotes and for gap detection.
/// </summary>
public sealed class TimelineModel(Guid me, int pageSize)
{

    private readonly List<MessageView> messages = [];
    private readonly Dictionary<Guid, MessageView> known = [];
    private TimeZoneInfo timeZone = TimeZoneInfo.Utc;

    public Guid Me { get; } = me;

    public int PageSize { get; } = pageSize;

    /// <summary>The log, oldest first.</summary>
    public IReadOnlyList<MessageView> Messages => messages;

    public IReadOnlyList<TimelineEntry> Entries { get; private set; } = [];

    /// <summary>Whether an older page may exist (the last page read was full).</summary>
    public bool HasMore { get; private set; }

    /// <summary>The oldest message read so far (thread replies included), the cursor for the next older page.</summary>
    public Guid? OldestId { get; private set; }

    /// <summary>The sequence of <see cref="OldestId"/>: the cursor that still works once retention has removed that message.</summary>
    public long? OldestReadSequence { get; private set; }

    /// <summary>The highest sequence seen (thread replies included).</summary>
    public long LastSequence { get; private set; }

    /// <summary>The user's own latest message, which shows "seen by".</summary>
    public Guid? LastMineId { get; private set; }

    /// <summary>Day separators follow the user's clock.</summary>
    public TimeZoneInfo TimeZone
    {
        get => timeZone;
        set
        {
            timeZone = value;
            Rebuild();
        }
    }

    /// <summary>The newest message from someone else: what "read up to" points at.</summary>
    public MessageView? LatestFromOthers => messages.LastOrDefault(m => m.SenderId != Me && m.MessageType != MessageType.System);

    /// <summary>The user's newest message that can still be edited.</summary>
    public MessageView? LastEditableMine => messages.LastOrDefault(m => m.SenderId == Me && m.MessageType != MessageType.System && !m.IsDeleted);

    /// <summary>Starts again from the newest page (newest first, as the history query returns it).</summary>
    public void Load(IReadOnlyList<MessageView> newestFirst)
    {
        messages.Clear();
        known.Clear();
        OldestId = null;
        OldestReadSequence = null;
        LastSequence = 0;
        AddOlder(newestFirst);
    }

    /// <summary>Adds a page of older messages (newest first).</summary>
    public void AddOlder(IReadOnlyList<MessageView> newestFirst)
    {
        HasMore = newestFirst.Count >= PageSize;
        if (newestFirst.Count > 0)
        {
            OldestId = newestFirst[^1].Id;
            OldestReadSequence = newestFirst[^1].Sequence;
        }

        foreach (var message in newestFirst)
        {
            Upsert(message);
        }

        Rebuild();
    }

    /// <summary>The sequence of the oldest message in the log; null when it is empty.</summary>
    public long? OldestSequence => messages.Count > 0 ? messages[0].Sequence : null;

    /// <summary>
    /// Adds a run of messages (oldest first) that reaches from further back up to what is held, as a jump to an old
    /// message reads it; <paramref name="hasOlder"/> says whether anything precedes the run.
    /// </summary>
    public void AddRun(IReadOnlyList<MessageView> oldestFirst, bool hasOlder)
    {
        if (oldestFirst.Count > 0 && oldestFirst[0].Sequence < (OldestSequence ?? long.MaxValue))
        {
            OldestId = oldestFirst[0].Id;
            OldestReadSequence = oldestFirst[0].Sequence;
            HasMore = hasOlder;
        }

        foreach (var message in oldestFirst)
        {
            Upsert(message);
        }

        Rebuild();
    }

    /// <summary>Adds messages read by a catch-up (any order); duplicates are ignored.</summary>
    public void AddNewer(IEnumerable<MessageView> page)
    {
        foreach (var message in page)
        {
            Upsert(message);
        }

        Rebuild();
    }

    /// <summary>A message this user just sent (the event about it may come before or after; either way it shows once).</summary>
    public void AddSent(MessageView message)
    {
        Upsert(message);
        Rebuild();
    }

    public TimelineChange Apply(MessageEvent e)
    {
        var message = e.Message;
        var expected = LastSequence + 1;
        var isNew = e.Kind == MessageEventKind.New && !known.ContainsKey(message.Id);
        if (message.ThreadId is { } rootId)
        {
            known[message.Id] = message;
            LastSequence = Math.Max(LastSequence, message.Sequence);
            var index = messages.FindIndex(m => m.Id == rootId);
            if (isNew && index >= 0)
            {
                // A reply in a thread: only the root's reply count changes here (the panel shows the reply itself).
                messages[index] = messages[index] with { ReplyCount = messages[index].ReplyCount + 1 };
                Rebuild();
            }

            return isNew && message.Sequence > expected ? TimelineChange.Gap : index >= 0 && isNew ? TimelineChange.Changed : TimelineChange.None;
        }

        if (e.Kind == MessageEventKind.New && known.ContainsKey(message.Id))
        {
            // A repeat (a retried send is published again, ADR 0039): what is shown is already as new or newer.
            return TimelineChange.None;
        }

        if (e.Kind != MessageEventKind.New && !known.ContainsKey(message.Id))
        {
            // An edit or delete of something never loaded (older than the pages read): nothing shown changes.
            known[message.Id] = message;
            return TimelineChange.None;
        }

        Upsert(message);
        Rebuild();
        return !isNew ? TimelineChange.Changed : message.Sequence > expected ? TimelineChange.Gap : TimelineChange.Appended;
    }

    /// <summary>Someone's delivered or read pointer moved: every earlier message of others' shows it.</summary>
    public bool ApplyReceipt(ReceiptEvent e)
    {
        var changed = false;
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            if (m.Sequence > e.Sequence || m.SenderId == e.UserId || m.MessageType == MessageType.System)
            {
                continue;
            }

            var delivered = m.DeliveredTo.Any(d => d.UserId == e.UserId) ? m.DeliveredTo : [.. m.DeliveredTo, new DeliveryView(e.UserId, e.At)];
            var read = e.Kind != ReceiptKind.Read || m.ReadBy.Any(r => r.UserId == e.UserId) ? m.ReadBy : [.. m.ReadBy, new ReadView(e.UserId, e.At)];
            if (!ReferenceEquals(delivered, m.DeliveredTo) || !ReferenceEquals(read, m.ReadBy))
            {
                messages[i] = m with { DeliveredTo = delivered, ReadBy = read };
                known[m.Id] = messages[i];
                changed = true;
            }
        }

        if (changed)
        {
            Rebuild();
        }

        return changed;
    }

    /// <summary>Replaces a message already shown (an edit this user saved).</summary>
    public void Replace(MessageView message)
    {
        known[message.Id] = message;
        var index = messages.FindIndex(m => m.Id == message.Id);
        if (index >= 0)
        {
            messages[index] = message;
            Rebuild();
        }
    }

    public MessageView? QuotedOf(MessageView message) =>
        message.ReplyToMessageId is { } id && known.TryGetValue(id, out var quoted) ? quoted : null;

    public int IndexOf(Guid messageId) => messages.FindIndex(m => m.Id == messageId);

    /// <summary>Where a message shows in the log: itself, or for a thread reply its root; null when not loaded.</summary>
    public Guid? ShownAs(Guid messageId) =>
        IndexOf(messageId) >= 0 ? messageId
        : known.TryGetValue(messageId, out var message) && message.ThreadId is { } root && IndexOf(root) >= 0 ? root
        : null;

    private void Upsert(MessageView message)
    {
        known[message.Id] = message;
        LastSequence = Math.Max(LastSequence, message.Sequence);
        if (message.ThreadId is not null)
        {
            return;
        }

        var index = messages.FindIndex(m => m.Id == message.Id);
        if (index >= 0)
        {
            messages[index] = message;
            return;
        }

        // Almost always the newest (appended) or the oldest (an older page): search from the end.
        var at = messages.Count;
        while (at > 0 && messages[at - 1].Sequence > message.Sequence)
        {
            at--;
        }

        messages.Insert(at, message);
    }

    // Day separators and sender runs depend on neighbours; recomputing the flat list is cheap even at 10,000 rows.
    private void Rebuild()
    {
        var list = new List<TimelineEntry>(messages.Count);
        MessageView? previous = null;
        foreach (var message in messages)
        {
            var firstOfDay = previous is null || ChatFormat.Local(previous.SentAt, timeZone).Date != ChatFormat.Local(message.SentAt, timeZone).Date;
            var sameSender = !firstOfDay && MessageRules.ContinuesGroup(previous, message);
            list.Add(new TimelineEntry(message, firstOfDay, !sameSender, sameSender));
            previous = message;
        }

        Entries = list;
        LastMineId = messages.LastOrDefault(m => m.SenderId == Me && m.MessageType != MessageType.System)?.Id;
    }
}
