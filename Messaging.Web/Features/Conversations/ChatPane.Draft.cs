using Messaging.Core.Common;
using Messaging.Core.Drafts;
using Microsoft.AspNetCore.Components;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// The chat pane's draft: what is typed is saved on the server about a second after typing stops, and when the
/// conversation is left (another conversation, a reload), so every device of the user finds it when opening the
/// conversation. Sending clears it on the server (Core); edits of sent messages are not drafts.
/// </summary>
public sealed partial class ChatPane
{
    /// <summary>Quiet time after the last keystroke before the draft is saved.</summary>
    internal static readonly TimeSpan DraftDelay = TimeSpan.FromSeconds(1);

    private CancellationTokenSource? draftTimer;
    private string? unsavedDraft;
    private string? savedDraft;

    // Counts sends, so a save that raced a send knows to clear again what the send cleared.
    private int draftSends;

    [Inject] private SaveDraftHandler DraftStore { get; set; } = null!;

    private void OnDraftChanged(string text)
    {
        if (editing is not null)
        {
            return;
        }

        savedDraft ??= conversation?.Draft ?? "";
        unsavedDraft = text;
        draftTimer?.Cancel();
        draftTimer?.Dispose();
        draftTimer = new CancellationTokenSource();
        _ = SaveDraftLaterAsync(draftTimer.Token);
    }

    private async Task SaveDraftLaterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(DraftDelay, Time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // More typing, a send or leaving the conversation came first.
            return;
        }

        await InvokeAsync(SaveDraftAsync);
    }

    private async Task SaveDraftAsync()
    {
        if (unsavedDraft is not { } text || text == savedDraft)
        {
            return;
        }

        unsavedDraft = null;
        var sends = draftSends;
        try
        {
            await DraftStore.SaveAsync(Session.UserId, ConversationId, text);
            savedDraft = text;
            if (sends != draftSends)
            {
                await DraftStore.SaveAsync(Session.UserId, ConversationId, "");
                savedDraft = "";
            }
        }
        catch (MessagingException)
        {
            // A draft is a convenience: failing to keep it (removed meanwhile, too long) must never disturb writing.
        }
    }

    /// <summary>The text was sent: the server already cleared the draft, and nothing pending may bring it back.</summary>
    private void DraftSent()
    {
        draftTimer?.Cancel();
        draftSends++;
        unsavedDraft = null;
        savedDraft = "";
    }

    /// <summary>Leaving the conversation: what was typed since the last save is saved now.</summary>
    private async Task FlushDraftAsync()
    {
        draftTimer?.Cancel();
        draftTimer?.Dispose();
        draftTimer = null;
        if (unsavedDraft is not null && conversation is not null && Session.UserId != Guid.Empty)
        {
            await SaveDraftAsync();
        }
    }
}
