using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Realtime;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// One tab of the conversation list (inbox or archived) kept in memory and changed by events; newest activity first.
/// It says when it cannot apply an event by itself (a conversation it does not hold), and only then does the
/// component read from the database, and then only that one conversation.
/// </summary>
public sealed class ConversationListModel(Guid me, bool archived)
{
    private List<ConversationView> items = [];

    public bool Archived { get; } = archived;

    public IReadOnlyList<ConversationView> Items => items;

    public void Load(IEnumerable<ConversationView> views)
    {
        items = [.. views.Where(v => v.IsArchived == Archived)];
        Sort();
    }

    public bool Contains(Guid conversationId) => items.Exists(c => c.Id == conversationId);

    /// <summary>
    /// Applies a new, edited or deleted message; false when the conversation must be read again (then <see cref="Upsert"/>):
    /// it is not held, or the new message is not newer than its last one.
    /// </summary>
    public bool Apply(MessageEvent e)
    {
        var message = e.Message;
        var index = items.FindIndex(c => c.Id == message.ConversationId);
        if (index < 0)
        {
            return false;
        }

        var view = items[index];
        if (e.Kind == MessageEventKind.New && view.LastMessageId != message.Id && view.LastMessageAt is { } last && message.SentAt <= last)
        {
            // Not newer than the last one shown: a repeat (ADR 0039) or out of order; counting it could count twice.
            return false;
        }

        var countsAsUnread = message.SenderId != me && message.MessageType != MessageType.System;
        items[index] = e.Kind switch
        {
            MessageEventKind.New when view.LastMessageId == message.Id => view,
            MessageEventKind.New => view with
            {
                LastMessageId = message.Id,
                LastMessageAt = message.SentAt,
                LastMessagePreview = message.Content,
                UnreadCount = view.UnreadCount + (countsAsUnread ? 1 : 0),
            },
            MessageEventKind.Updated when view.LastMessageId == message.Id => view with { LastMessagePreview = message.Content },
            MessageEventKind.Deleted when view.LastMessageId == message.Id => view with { LastMessagePreview = null },
            _ => view,
        };
        Sort();
        return true;
    }

    /// <summary>This user's own read pointer moved (in this tab or another); false when the unread count must be read again.</summary>
    public bool ApplyOwnRead(ReceiptEvent e)
    {
        var index = items.FindIndex(c => c.Id == e.ConversationId);
        if (index < 0 || e.Kind != ReceiptKind.Read || items[index].UnreadCount == 0)
        {
            return true;
        }

        if (items[index].LastMessageId != e.MessageId)
        {
            return false;
        }

        items[index] = items[index] with { UnreadCount = 0 };
        return true;
    }

    /// <summary>A conversation read from the database: replaces or adds it (or drops it when it belongs to the other tab).</summary>
    public void Upsert(ConversationView view)
    {
        items.RemoveAll(c => c.Id == view.Id);
        if (view.IsArchived == Archived)
        {
            items.Add(view);
        }

        Sort();
    }

    public void Remove(Guid conversationId) => items.RemoveAll(c => c.Id == conversationId);

    private void Sort() => items = [.. items.OrderByDescending(c => c.LastMessageAt ?? c.CreatedAt)];
}
