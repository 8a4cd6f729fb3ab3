using Messaging.Core.Common;
using Messaging.Core.Messages;
using Messaging.Core.Realtime;
using Messaging.Web.Components;
using MudBlazor;

namespace Messaging.Web.Features.Conversations;

/// <summary>The chat pane's writing side: send, reply, edit, delete, typing, settings, threads.</summary>
public sealed partial class ChatPane
{
    private async Task<string?> SubmitAsync(string text)
    {
        try
        {
            if (editing is { } target)
            {
                timeline.Replace(await Changes.EditAsync(Session.UserId, ConversationId, target.Id, text));
                editing = null;
                return null;
            }

            var replyId = replyTo?.Id;
            var mentions = composer?.MentionsIn(text) ?? [];
            var ack = composer?.RequestAck ?? false;
            timeline.AddSent(await drafts.SendAsync(Session.UserId, text, id => new SendMessage(ConversationId, text, ReplyToMessageId: replyId, ClientMessageId: id, Mentions: mentions, RequiresAck: ack)));
            replyTo = null;
            DraftSent();
            log?.ScrollToEnd();
            await Typing.StopAsync(Session.UserId, ConversationId);
            await Activity.ActivityAsync(Session.UserId);
            return null;
        }
        catch (MessagingException ex)
        {
            return E.For(ex.Code);
        }
    }

    private async Task OnTypingAsync()
    {
        // Core throttles too; this only saves a round trip per keystroke.
        var now = Time.GetUtcNow();
        if (now - lastTypingAt < TypingHandler.ClientRepeat)
        {
            return;
        }

        lastTypingAt = now;
        try
        {
            await Typing.StartAsync(Session.UserId, ConversationId);
            await Activity.ActivityAsync(Session.UserId);
        }
        catch (MessagingException)
        {
            // Typing is a courtesy; a failure here must never disturb writing.
        }
    }

    private async Task StartReplyAsync(MessageView message)
    {
        editing = null;
        replyTo = message;
        if (composer is not null)
        {
            await composer.FocusAsync();
        }
    }

    private async Task StartEditAsync(MessageView message)
    {
        replyTo = null;
        editing = message;
        if (composer is not null)
        {
            await composer.SetTextAsync(message.Content);
        }
    }

    private Task EditLastAsync() =>
        timeline.LastEditableMine is { } last && EditWindow.IsOpen(last.SentAt) ? StartEditAsync(last) : Task.CompletedTask;

    private async Task CancelContext()
    {
        var wasEditing = editing is not null;
        editing = null;
        replyTo = null;
        if (wasEditing && composer is not null)
        {
            await composer.SetTextAsync("");
        }
    }

    private async Task DeleteAsync(MessageView message)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(T["DeleteTitle"], T["DeleteText"], T["DeleteConfirm"], cancelText: T["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        try
        {
            await Changes.DeleteAsync(Session.UserId, ConversationId, message.Id);
        }
        catch (MessagingException ex)
        {
            loadError = E.For(ex.Code);
        }
    }

    /// <summary>
    /// Marks the message and everything after it unread, then leaves the chat: staying at the bottom of the log would
    /// read it again at once. Pending receipts are written first so none lands after the change.
    /// </summary>
    private async Task MarkUnreadAsync(MessageView message)
    {
        try
        {
            await Receipts.WhenIdleAsync();
            await Unread.HandleAsync(Session.UserId, ConversationId, message.Id);
            await OnBack.InvokeAsync();
        }
        catch (MessagingException ex)
        {
            loadError = E.For(ex.Code);
        }
    }

    private void OpenThread(MessageView message) => threadRoot = message;

    private Task OpenSettingsAsync() => OpenSettingsAsync(startOnPins: false);

    private async Task OpenSettingsAsync(bool startOnPins)
    {
        var parameters = new DialogParameters<ConversationSettingsDialog> { { d => d.ConversationId, ConversationId }, { d => d.StartOnPins, startOnPins } };
        var dialog = await Dialogs.ShowAsync<ConversationSettingsDialog>(T["SettingsTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: Guid pinned })
        {
            // A pinned message was chosen in the list.
            await RefreshConversationAsync();
            await JumpToPinAsync(pinned);
            return;
        }

        if (result is { Canceled: false, Data: true })
        {
            // Left or deleted for me: this conversation is no longer on the user's screen.
            await OnBack.InvokeAsync();
            return;
        }

        await RefreshConversationAsync();
    }

    /// <summary>Who "@" can name here: everyone in the conversation but the writer.</summary>
    private IReadOnlyList<Messaging.Core.Mentions.MentionCandidate> MentionCandidates =>
        conversation?.ParticipantDetails.Where(p => p.UserId != Session.UserId).Select(p => new Messaging.Core.Mentions.MentionCandidate(p.UserId, p.Name)).ToArray() ?? [];

    private static string Snippet(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
