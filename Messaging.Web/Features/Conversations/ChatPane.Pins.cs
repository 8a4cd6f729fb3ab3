using Messaging.Core.Common;
using Messaging.Core.Messages;
using Messaging.Core.Pins;
using Messaging.Core.Realtime;
using Microsoft.AspNetCore.Components;

namespace Messaging.Web.Features.Conversations;

/// <summary>The chat pane's pinned bar: the conversation's pins, kept current from <c>message_updated</c> and <c>message_deleted</c>.</summary>
public sealed partial class ChatPane
{
    private IReadOnlyList<MessageView> pins = [];

    [Inject] private PinMessageHandler Pins { get; set; } = null!;

    private async Task LoadPinsAsync() => pins = await Pins.ListAsync(Session.UserId, ConversationId);

    /// <summary>A message became pinned, or one of the pins changed (edited, unpinned, deleted): read the pins again.</summary>
    private async Task OnPinChangedAsync(MessageEvent e)
    {
        if (!e.Message.IsPinned && pins.All(p => p.Id != e.Message.Id))
        {
            return;
        }

        try
        {
            await LoadPinsAsync();
        }
        catch (MessagingException)
        {
            // No longer a member: the conversation event that follows shows it.
        }
    }

    // The same jump as search results: a pin far back in the history is loaded, not just scrolled to when present.
    private Task JumpToPinAsync(Guid messageId) => JumpToMessageAsync(messageId);

    private Task OpenPinsAsync() => OpenSettingsAsync(startOnPins: true);
}
