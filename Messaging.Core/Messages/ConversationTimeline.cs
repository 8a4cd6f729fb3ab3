using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Messages;

/// <summary>Appends messages to a conversation with the next sequence. Call inside a transaction.</summary>
internal static class ConversationTimeline
{
    /// <summary>
    /// Takes the next sequence by incrementing the conversation row. On PostgreSQL the update holds the row lock until
    /// commit, on SQLite the transaction holds the write lock: either way concurrent senders are numbered one by one.
    /// </summary>
    public static async Task<long> NextSequenceAsync(this MessagingDbContext db, Conversation conversation, CancellationToken cancellationToken)
    {
        if (db.Entry(conversation).State == EntityState.Added)
        {
            return ++conversation.LastSequence;
        }

        await db.Conversations.Where(c => c.Id == conversation.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSequence, c => c.LastSequence + 1), cancellationToken);
        var sequence = await db.Conversations.Where(c => c.Id == conversation.Id).Select(c => c.LastSequence).SingleAsync(cancellationToken);
        conversation.LastSequence = sequence;
        return sequence;
    }

    /// <summary>Stores <paramref name="message"/> (its sequence already taken) as the conversation's newest.</summary>
    public static void Append(this MessagingDbContext db, Conversation conversation, Message message, string? previewText, ConversationCipher cipher)
    {
        db.Messages.Add(message);
        conversation.LastMessageId = message.Id;
        conversation.LastMessageAt = message.SentAt;
        conversation.UpdatedAt = message.SentAt;
        conversation.LastMessagePreview = previewText is null ? null
            : conversation.IsEncrypted ? cipher.Encrypt(conversation.WrappedDataKey!, CipherPlace.ConversationPreview(conversation.Id), Preview(previewText))
            : Preview(previewText);
    }

    public static async Task<Message> AppendSystemMessageAsync(
        this MessagingDbContext db, Conversation conversation, Guid actorId, SystemEvent systemEvent, Guid? subjectUserId,
        DateTime now, ConversationCipher cipher, CancellationToken cancellationToken)
    {
        var message = new Message
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversation.Id,
            SenderId = actorId,
            Type = MessageType.System,
            SystemEvent = systemEvent,
            SystemSubjectUserId = subjectUserId,
            SentAt = now,
        };
        message.Sequence = await db.NextSequenceAsync(conversation, cancellationToken);
        db.Append(conversation, message, previewText: null, cipher);
        return message;
    }

    public static string Preview(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= Limits.PreviewLength ? oneLine : oneLine[..Limits.PreviewLength] + "…";
    }
}
