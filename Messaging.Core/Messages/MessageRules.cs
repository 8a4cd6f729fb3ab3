using Messaging.Core.Common;

namespace Messaging.Core.Messages;

/// <summary>The rules of a message's content and of how a timeline shows messages, in one place for Core and the UI.</summary>
public static class MessageRules
{
    /// <summary>Messages per page of history, in the chat and the thread panel alike.</summary>
    public const int PageSize = Limits.DefaultPageSize;

    /// <summary>Consecutive messages of one sender closer than this are drawn as one group.</summary>
    public static readonly TimeSpan GroupingWindow = TimeSpan.FromMinutes(5);

    /// <summary>Whether <paramref name="message"/> continues the group of <paramref name="previous"/> (same sender, close in time).</summary>
    public static bool ContinuesGroup(MessageView? previous, MessageView message) =>
        previous is not null
        && previous.SenderId == message.SenderId
        && previous.MessageType != MessageType.System
        && message.SentAt - previous.SentAt < GroupingWindow;

    /// <summary>The text of a new or edited message: present and not too long.</summary>
    public static string ValidateContent(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            throw new MessagingException(ErrorCode.ContentRequired, "content");
        }

        return content.Length <= Limits.MaxMessageLength ? content : throw new MessagingException(ErrorCode.ContentTooLong, "content");
    }

    /// <summary>Everything of a send that can be checked without the database; returns the content.</summary>
    public static string Validate(SendMessage command)
    {
        // A message with files may say nothing else; a forward says what its source says (and only that).
        var content = command.ForwardOfMessageId is not null ? ValidateForward(command)
            : command.Attachments is { Count: > 0 } && string.IsNullOrWhiteSpace(command.Content) ? ""
            : ValidateContent(command.Content);

        if (command.ClientMessageId is { } clientId && (clientId.Length == 0 || clientId.Length > Limits.MaxClientMessageIdLength))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "client_message_id");
        }

        if (command.Language is { Length: > Limits.MaxLanguageTagLength })
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "language");
        }

        return content;
    }

    private static string ValidateForward(SendMessage command)
    {
        if (!string.IsNullOrEmpty(command.Content))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "content");
        }

        return command.Attachments is { Count: > 0 } ? throw new MessagingException(ErrorCode.ValidationFailed, "attachments") : "";
    }
}
