using Messaging.Core.Common;
using Messaging.Web.Components;
using MudBlazor;

namespace Messaging.Web.Features.Conversations;

/// <summary>What the message menu does: react, pin, report, show the edit history.</summary>
public partial class MessageBubble
{
    /// <summary>Adds the emoji, or takes it back when it is already the viewer's; everyone sees it through <c>message_updated</c>.</summary>
    private async Task ReactAsync(string emoji)
    {
        try
        {
            await Reactions.ToggleAsync(Session.UserId, Message.ConversationId, Message, emoji);
        }
        catch (MessagingException ex)
        {
            Snackbar.Add(E.For(ex.Code), Severity.Warning);
        }
    }

    /// <summary>Pins or unpins for everyone (Core checks who may); the change comes back as <c>message_updated</c>.</summary>
    private async Task TogglePinAsync()
    {
        try
        {
            if (Message.IsPinned)
            {
                await Pins.UnpinAsync(Session.UserId, Message.ConversationId, Message.Id);
            }
            else
            {
                await Pins.PinAsync(Session.UserId, Message.ConversationId, Message.Id);
            }
        }
        catch (MessagingException ex)
        {
            Snackbar.Add(E.For(ex.Code), Severity.Warning);
        }
    }

    private async Task PickReactionAsync()
    {
        var dialog = await Dialogs.ShowAsync<ReactionPickerDialog>(T["PickReactionTitle"],
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string emoji })
        {
            await ReactAsync(emoji);
        }
    }

    private async Task ReportAsync()
    {
        var parameters = new DialogParameters<Messaging.Web.Features.Moderation.ReportDialog> { { d => d.Message, Message } };
        await Dialogs.ShowAsync<Messaging.Web.Features.Moderation.ReportDialog>(R["DialogTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
    }

    private async Task ShowHistoryAsync()
    {
        var parameters = new DialogParameters<EditHistoryDialog> { { d => d.Message, Message } };
        await Dialogs.ShowAsync<EditHistoryDialog>(T["EditHistoryTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
    }
}
