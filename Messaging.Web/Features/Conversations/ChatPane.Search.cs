using Messaging.Web.Features.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Messaging.Web.Features.Conversations;

/// <summary>"Search in this conversation": the same dialog as the list's, limited to this conversation.</summary>
public sealed partial class ChatPane
{
    [Inject] private IStringLocalizer<Resources.Search> S { get; set; } = null!;

    private async Task OpenSearchAsync()
    {
        if (conversation is null)
        {
            return;
        }

        var parameters = new DialogParameters<SearchDialog>
        {
            { d => d.ConversationId, ConversationId },
            { d => d.Titles, new Dictionary<Guid, string> { [ConversationId] = ChatFormat.Title(T, conversation, Session.UserId) } },
        };
        var dialog = await Dialogs.ShowAsync<SearchDialog>(S["SearchConversation"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true, Position = DialogPosition.TopCenter });
        await dialog.Result;
    }
}
